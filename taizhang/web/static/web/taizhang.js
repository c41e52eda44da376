// Small behaviours of every page. No inline scripts anywhere: the CSP allows only this file
// and the vendored libraries.
(function () {
  "use strict";

  // Unit tree: a toggle folds and unfolds its children. The first click also loads them
  // (hx-trigger="click once" on the button), so nothing is fetched until it is wanted.
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest(".tree__toggle");
    if (!toggle) return;
    var children = document.getElementById(toggle.getAttribute("aria-controls"));
    var expanded = toggle.getAttribute("aria-expanded") === "true";
    toggle.setAttribute("aria-expanded", expanded ? "false" : "true");
    if (children) children.hidden = expanded;
  });

  // A failed background request says so, in the page's language (texts come from #flash).
  var flashTimer = null;
  function flash(key) {
    var box = document.getElementById("flash");
    if (!box) return;
    box.textContent = box.dataset[key];
    box.hidden = false;
    window.clearTimeout(flashTimer);
    flashTimer = window.setTimeout(function () { box.hidden = true; }, 6000);
  }

  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr.status;
    flash(status === 403 ? "forbidden" : status === 404 ? "notFound" : "failed");
  });
  document.addEventListener("htmx:sendError", function () { flash("offline"); });

  // When the session has expired, a background request is redirected to the login page;
  // show that page in full instead of inside the tree, and come back here afterwards.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var loginUrl = document.body.dataset.loginUrl;
    var landed = event.detail.xhr.responseURL;
    if (!loginUrl || !landed || new URL(landed).pathname !== loginUrl) return;
    event.detail.shouldSwap = false;
    window.location.assign(
      loginUrl + "?next=" + encodeURIComponent(window.location.pathname + window.location.search)
    );
  });
})();
