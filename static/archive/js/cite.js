/*
 * Copy buttons of the "Cite this document" block (templates/archive/includes/cite.html).
 *
 * The buttons ship hidden and appear only here, so a reader without JavaScript never meets a button
 * that does nothing. A click copies the button's data-copy text (the citation as plain text) and the
 * block's status region says "Copied" for screen readers, while the button says it for everyone.
 * Where the browser refuses (the Clipboard API needs a secure context), the citation is selected so
 * that the reader can copy it with the keyboard, and the status region says so.
 * No inline script and no inline style attributes: the page's Content Security Policy allows neither.
 */
(function () {
  "use strict";

  var FEEDBACK_MS = 2000;

  function copyBySelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    document.body.removeChild(area);
    return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return copyBySelection(text); });
    }
    return copyBySelection(text);
  }

  function announce(status, message) {
    // Emptied first, so that a second "Copied" in a row is announced again.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function setUp(block) {
    var status = block.querySelector("[data-cite-status]");
    var buttons = block.querySelectorAll("button[data-copy]");
    Array.prototype.forEach.call(buttons, function (button) {
      var label = button.textContent;
      button.hidden = false;
      button.addEventListener("click", function () {
        copy(button.getAttribute("data-copy")).then(function () {
          button.textContent = block.getAttribute("data-copied");
          announce(status, block.getAttribute("data-copied"));
          window.setTimeout(function () { button.textContent = label; }, FEEDBACK_MS);
        }, function () {
          var target = document.getElementById(button.getAttribute("data-copy-target"));
          if (target) {
            select(target);
          }
          announce(status, block.getAttribute("data-copy-failed"));
        });
      });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-cite]"), setUp);
})();
