// The review page: autosave status, refusals shown in place, and a submit that waits for a
// pending autosave so the two never race on the review's version.
"use strict";

(function () {
  function init() {
    var form = document.getElementById("review-form");
    if (!form) return;
    var status = document.getElementById("review-status");
    var inFlight = 0;
    var submitting = false;
    var pendingSubmitter = null;

    function showError(text) {
      status.textContent = "";
      var span = document.createElement("span");
      span.className = "text-danger review-status-error";
      span.textContent = text;
      status.appendChild(span);
    }

    // A refusal (stale version, locked review, bad score, signed out) comes with a 4xx status
    // and a message fragment: show it instead of htmx's default of swapping nothing.
    form.addEventListener("htmx:beforeSwap", function (event) {
      var code = event.detail.xhr.status;
      if (code >= 400 && code < 500) {
        event.detail.shouldSwap = true;
        event.detail.isError = false;
      }
    });
    form.addEventListener("htmx:beforeRequest", function (event) {
      // Once the judge pressed a submit button, autosaves stop: the submit carries everything.
      if (submitting) {
        event.preventDefault();
        return;
      }
      inFlight += 1;
    });
    form.addEventListener("htmx:afterRequest", function () {
      inFlight = Math.max(0, inFlight - 1);
      if (inFlight === 0 && pendingSubmitter) {
        var submitter = pendingSubmitter;
        pendingSubmitter = null;
        form.requestSubmit(submitter);
      }
    });
    form.addEventListener("htmx:sendError", function () {
      showError(status.dataset.offline || "Not saved: check your connection. Your text is still here.");
    });
    form.addEventListener("htmx:responseError", function (event) {
      if (event.detail.xhr.status >= 500) {
        showError(status.dataset.failed || "Not saved: the server had a problem. Your text is still here.");
      }
    });
    form.addEventListener("submit", function (event) {
      if (submitting) {
        // A second click or Enter while the first submit is on its way: one submit only.
        event.preventDefault();
        return;
      }
      if (inFlight > 0) {
        // Wait for the autosave in flight: it bumps the version this submit must carry.
        event.preventDefault();
        pendingSubmitter = event.submitter || null;
        return;
      }
      submitting = true;
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
