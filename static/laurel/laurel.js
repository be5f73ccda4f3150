// Laurel's own scripts. Loaded from our static files; the Content-Security-Policy forbids inline script.
"use strict";

// A summary of what went wrong ("Before you can submit", a refused review) takes the focus when
// the page opens, so that keyboard and screen reader users hear it first (it also has
// role="alert"). Marked in templates with data-focus-on-load and tabindex="-1".
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-focus-on-load]");
  if (summary && !window.location.hash) {
    summary.focus();
  }
});
