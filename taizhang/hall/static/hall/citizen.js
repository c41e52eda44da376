// 网上申请: the ID number is checked as it is typed (GB 11643: length, birth date, check digit),
// and the application is shown for confirmation before it is sent. Without this file the form
// still works; the server checks everything again.
(function () {
  "use strict";

  var WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  var CHECK_DIGITS = "10X98765432";

  function idProblem(value) {
    if (!/^\d{17}[\dX]$/.test(value)) {
      return "身份证号码应为 18 位：前 17 位是数字，最后一位是数字或 X。";
    }
    var year = +value.substr(6, 4), month = +value.substr(10, 2), day = +value.substr(12, 2);
    var born = new Date(Date.UTC(year, month - 1, day));
    if (year < 1900 || born > new Date() || born.getUTCMonth() !== month - 1 ||
        born.getUTCDate() !== day) {
      return "身份证号码中的出生日期（第 7 至 14 位）不对，请核对。";
    }
    var sum = 0;
    for (var i = 0; i < 17; i++) sum += +value.charAt(i) * WEIGHTS[i];
    if (CHECK_DIGITS.charAt(sum % 11) !== value.charAt(17)) {
      return "身份证号码校验位不符，可能有一位输错了，请逐位核对。";
    }
    return "";
  }

  document.querySelectorAll("[data-id-number]").forEach(function (input) {
    var out = document.getElementById(input.id + "_check");
    function check(finished) {
      var value = input.value.trim().toUpperCase();
      // While typing, say nothing until the 18th character; on leaving the field, say it all.
      var problem = value && (finished || value.length >= 18) ? idProblem(value) : "";
      input.setCustomValidity(problem);
      if (!out) return;
      out.textContent = problem || (value.length === 18 ? "号码格式正确。" : "");
      out.className = problem ? "field__error" : "note";
    }
    input.addEventListener("input", function () { check(false); });
    input.addEventListener("blur", function () { check(true); });
  });

  function masked(input) {
    var value = input.value.trim();
    if (input.hasAttribute("data-id-number") && value.length > 8) {
      return value.slice(0, 4) + "*".repeat(value.length - 8) + value.slice(-4);
    }
    if (input.type === "tel" && value.length > 7) {
      return value.slice(0, 3) + "*".repeat(value.length - 7) + value.slice(-4);
    }
    return value;
  }

  function labelOf(form, element) {
    var fieldset = element.closest("fieldset");
    if (element.type === "radio" && fieldset) return fieldset.querySelector("legend").firstChild.textContent;
    var label = form.querySelector("label[for='" + element.id + "']");
    return label ? label.firstChild.textContent : element.name;
  }

  function summarise(form, list) {
    list.textContent = "";
    Array.prototype.forEach.call(form.elements, function (element) {
      var value;
      if (element.type === "radio") {
        if (!element.checked) return;
        value = element.closest("label").textContent.trim();
      } else if (element.type === "file") {
        value = Array.prototype.map.call(element.files, function (file) { return file.name; })
          .join("、") || "未选择文件";
      } else if (element.type === "text" || element.type === "tel" ||
                 element.type === "datetime-local") {
        if (!element.value.trim()) return;
        value = masked(element);
      } else {
        return;
      }
      var row = document.createElement("div");
      var term = document.createElement("dt");
      var detail = document.createElement("dd");
      term.textContent = labelOf(form, element);
      detail.textContent = value;
      row.append(term, detail);
      list.append(row);
    });
  }

  var form = document.querySelector("[data-confirm-apply]");
  var dialog = document.getElementById("apply-confirm");
  if (!form || !dialog || typeof dialog.showModal !== "function") return;
  var confirmed = false;
  form.addEventListener("submit", function (event) {
    if (confirmed) return;
    event.preventDefault();
    summarise(form, dialog.querySelector("[data-summary]"));
    dialog.showModal();
  });
  dialog.querySelector("[data-send]").addEventListener("click", function () {
    confirmed = true;
    dialog.close();
    form.requestSubmit();
  });
  dialog.querySelector("[data-back]").addEventListener("click", function () { dialog.close(); });
})();
