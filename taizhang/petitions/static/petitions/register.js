// The reception desk's registration form (petitions/register.html), keyboard first:
// - Enter in a field moves to the next one instead of saving half a form; only Enter in the
//   last field, or on the button, saves;
// - Alt+S saves and Alt+A adds a petitioner (the buttons' accesskeys, seen to here as well);
// - the ID number is checked as it is typed (GB 11643: 18 characters, birth date, checksum);
//   the server checks it again anyway;
// - empty petitioner rows fold away behind "添加信访人" (Alt+A);
// - leaving an ID number, name or phone asks the server whether the same person petitioned
//   before (new/check/) and shows its warning before anything is saved.
// No inline script anywhere: the CSP allows only files like this one.
(function () {
  "use strict";

  var WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  var CHECK_DIGITS = "10X98765432";

  // What is wrong with an ID number, or what it says when right: {level, text}.
  function idVerdict(raw, finished) {
    var value = raw.replace(/\s+/g, "").toUpperCase();
    if (!value) return { level: "", text: "" };
    if (!/^\d{0,17}[\dX]?$/.test(value) || (value.indexOf("X") >= 0 && value.length < 18)) {
      return { level: "error", text: "身份证号码只能是数字，仅最后一位可以是 X。" };
    }
    if (value.length < 18) {
      return finished
        ? { level: "error", text: "身份证号码应为 18 位，现为 " + value.length + " 位。" }
        : { level: "info", text: "已输入 " + value.length + " 位，共 18 位。" };
    }
    var year = +value.slice(6, 10), month = +value.slice(10, 12), day = +value.slice(12, 14);
    var born = new Date(year, month - 1, day);
    if (year < 1900 || born.getFullYear() !== year || born.getMonth() !== month - 1 ||
        born.getDate() !== day || born > new Date()) {
      return { level: "error", text: "出生日期（第 7–14 位）" + value.slice(6, 14) + " 无效，请核对。" };
    }
    var sum = 0;
    for (var i = 0; i < 17; i++) sum += (+value.charAt(i)) * WEIGHTS[i];
    var expected = CHECK_DIGITS.charAt(sum % 11);
    if (value.charAt(17) !== expected) {
      return { level: "error", text: "校验码不符：按前 17 位最后一位应为 " + expected + "，请逐位核对号码。" };
    }
    var sex = (+value.charAt(16)) % 2 ? "男" : "女";
    return { level: "ok", text: "号码格式正确：" + year + "年" + month + "月" + day + "日出生，" + sex + "。" };
  }

  function showIdVerdict(input, finished) {
    var message = document.getElementById(input.id + "-check");
    if (!message) return;
    var verdict = idVerdict(input.value, finished);
    message.textContent = verdict.text;
    message.className = verdict.level === "error" ? "field__error" : "note";
    if (verdict.level === "error") input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  }

  function visible(element) {
    return !element.closest("[hidden]");
  }

  // The fields Enter walks through, in tab order (buttons, files and hidden ones aside).
  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return !el.disabled && el.type !== "hidden" && el.tagName !== "BUTTON" &&
        el.tagName !== "FIELDSET" && el.type !== "submit" && el.type !== "button" && el.type !== "file" &&
        el.tabIndex >= 0 && visible(el);
    });
  }

  function rowIsEmpty(row) {
    return Array.prototype.every.call(row.querySelectorAll("input"), function (input) {
      return !input.value.trim();
    }) && !row.querySelector(".field__error");
  }

  function setUpRows(form) {
    var rows = Array.prototype.slice.call(form.querySelectorAll("[data-petitioner-row]"));
    var button = form.querySelector("[data-add-petitioner]");
    if (!rows.length || !button) return;
    var lastUsed = 0;
    rows.forEach(function (row, index) { if (!rowIsEmpty(row)) lastUsed = index; });
    rows.forEach(function (row, index) { row.hidden = index > lastUsed; });
    function refresh() {
      var left = rows.some(function (row) { return row.hidden; });
      button.disabled = !left;
      button.textContent = left ? "添加信访人（Alt+A）" : "已达 " + rows.length + " 名信访人上限";
    }
    button.hidden = false;
    refresh();
    button.addEventListener("click", function () {
      var next = rows.filter(function (row) { return row.hidden; })[0];
      if (!next) return;
      next.hidden = false;
      refresh();
      next.querySelector("input").focus();
    });
  }

  function setUpAccused(form) {
    var toggle = form.querySelector("[name=is_accusation]");
    var group = form.querySelector("[data-accused]");
    if (!toggle || !group) return;
    function named() {
      return Array.prototype.some.call(group.querySelectorAll("input, select"), function (el) {
        return el.value;
      }) || group.querySelector(".field__error");
    }
    function refresh() { group.hidden = !toggle.checked && !named(); }
    toggle.addEventListener("change", refresh);
    refresh();
  }

  function setUpDuplicateCheck(form) {
    var url = form.dataset.checkUrl;
    var box = document.getElementById("duplicates");
    if (!url || !box) return;
    var pending = null;
    var asked = 0;
    function personKnown() {
      return Array.prototype.some.call(
        form.querySelectorAll("[name$='-id_number'], [name$='-phone']"),
        function (input) { return input.value.trim(); });
    }
    function check() {
      if (!personKnown() && !box.querySelector("[data-duplicates]")) return;
      var data = new FormData(form);
      data.delete("files");  // the check needs no files: never upload them twice
      var token = form.querySelector("[name=csrfmiddlewaretoken]");
      var number = ++asked;
      fetch(url, {
        method: "POST", body: data, credentials: "same-origin",
        headers: { "X-CSRFToken": token ? token.value : "", "X-Requested-With": "fetch" }
      }).then(function (response) {
        return response.ok ? response.text() : null;
      }).then(function (html) {
        if (html === null || number !== asked) return;  // only the latest answer counts
        var hadFocus = box.contains(document.activeElement);
        box.innerHTML = html;
        if (hadFocus) {
          var confirm = box.querySelector("[name=confirmed]");
          if (confirm) confirm.focus();
        }
      }).catch(function () { /* the server asks again on saving */ });
    }
    form.addEventListener("change", function (event) {
      var name = event.target.name || "";
      if (/-(name|id_number|phone)$/.test(name) ||
          /^(category|origin_unit|received_on|is_accusation|accused_unit|accused_person)$/.test(name)) {
        window.clearTimeout(pending);
        pending = window.setTimeout(check, 150);
      }
    });
  }

  function setUp(form) {
    form.addEventListener("keydown", function (event) {
      var target = event.target;
      if (event.key !== "Enter" || event.isComposing || event.keyCode === 229) return;
      if (target.tagName !== "INPUT" || ["submit", "button", "file", "reset"].indexOf(target.type) >= 0) return;
      var list = fields(form);
      var at = list.indexOf(target);
      if (at === list.length - 1) return;  // Enter in the last field saves, as expected
      event.preventDefault();
      if (at >= 0) list[at + 1].focus();
    });

    // Alt+S and Alt+A: the buttons' accesskeys. Chromium handles an access key before the page
    // sees the key (and then marks it handled); where the browser did not, do it here.
    document.addEventListener("keydown", function (event) {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
      var letter = (event.code || "").replace(/^Key/, "").toLowerCase();
      var button = letter.length === 1 && form.querySelector("button[accesskey='" + letter + "']");
      if (!button || button.disabled || !visible(button)) return;
      event.preventDefault();
      button.click();
    });

    Array.prototype.forEach.call(form.querySelectorAll("[data-id-number]"), function (input) {
      input.setAttribute("aria-describedby", input.id + "-check");
      input.addEventListener("input", function () { showIdVerdict(input, false); });
      input.addEventListener("blur", function () { showIdVerdict(input, true); });
      if (input.value && !input.closest(".field--invalid")) showIdVerdict(input, true);
    });

    setUpRows(form);
    setUpAccused(form);
    setUpDuplicateCheck(form);

    // After a refusal, start where the problem is; after a duplicate warning, at its box.
    var first = form.querySelector(".field--invalid input, .field--invalid select, " +
                                   ".field--invalid textarea, [data-duplicates] [name=confirmed]");
    if (first && visible(first)) first.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-register]");
    if (form) setUp(form);
  });
})();
