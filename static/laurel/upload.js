// Attachments: upload with a progress bar and remove without leaving the page.
// Without JavaScript the partial's forms post normally; this script sends the same forms by
// XMLHttpRequest (fetch cannot report upload progress) and swaps in the
// re-rendered partial. Every file question includes this script, so it guards against running twice.
"use strict";
(function () {
  if (window.laurelUploadReady) {
    return;
  }
  window.laurelUploadReady = true;

  function parts(fieldset) {
    return {
      input: fieldset.querySelector("input[type=file]"),
      progress: fieldset.querySelector("[data-attachment-progress]"),
      error: fieldset.querySelector("[data-attachment-error]"),
      status: fieldset.querySelector("[data-attachment-status]"),
    };
  }

  function showError(fieldset, message) {
    var p = parts(fieldset);
    p.error.textContent = message;
    p.status.textContent = message;
    if (p.input) {
      p.input.classList.add("is-invalid");
      p.input.setAttribute("aria-invalid", "true");
      var described = (p.input.getAttribute("aria-describedby") || "").split(" ");
      if (described.indexOf(p.error.id) === -1) {
        described.push(p.error.id);
        p.input.setAttribute("aria-describedby", described.join(" ").trim());
      }
      p.input.focus();
    }
  }

  function replaceWith(fieldset, html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var fresh = template.content.querySelector("[data-attachments]");
    if (!fresh) {
      return null;
    }
    fieldset.replaceWith(fresh);
    return fresh;
  }

  function send(form, onProgress) {
    var fieldset = form.closest("[data-attachments]");
    var p = parts(fieldset);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    if (onProgress) {
      xhr.upload.addEventListener("progress", onProgress);
    }
    xhr.addEventListener("load", function () {
      // 400: refused (size, type); 503: storage away. Both answer the partial with the reason.
      var ok = xhr.status === 200 || xhr.status === 400 || xhr.status === 503;
      if (xhr.status === 413) {
        // Refused before the body was read (config/body_limits.py): a plain-text reason.
        p.progress.hidden = true;
        form.querySelector("button").disabled = false;
        showError(fieldset, xhr.responseText || p.status.dataset.failed);
        return;
      }
      var fresh = ok && replaceWith(fieldset, xhr.responseText);
      if (!fresh) {
        p.progress.hidden = true;
        form.querySelector("button").disabled = false;
        showError(fieldset, p.status.dataset.failed);
        return;
      }
      // The file moved the entry one revision on: the autosave builds on that revision. Only
      // when nothing else was saved meanwhile, or the page would adopt text it has never seen
      // (the next save then reports the conflict instead).
      var revision = document.getElementById("id_revision");
      var after = Number(fresh.dataset.entryRevision);
      if (revision && after === Number(revision.value) + 1) {
        revision.value = String(after);
      }
      var q = parts(fresh);
      if (xhr.status === 400 || xhr.status === 503) {
        q.status.textContent = q.error.textContent;
      }
      var focus = q.input || fresh.querySelector("a, button");
      if (focus) {
        focus.focus();
      }
    });
    xhr.addEventListener("error", function () {
      p.progress.hidden = true;
      form.querySelector("button").disabled = false;
      showError(fieldset, p.status.dataset.failed);
    });
    xhr.send(new FormData(form));
  }

  function upload(form) {
    var fieldset = form.closest("[data-attachments]");
    var p = parts(fieldset);
    var file = p.input.files[0];
    // A courtesy check so nobody waits for a file the server will refuse; the server decides.
    if (file && file.size > Number(p.input.dataset.maxBytes)) {
      showError(fieldset, p.input.dataset.tooLarge);
      return;
    }
    p.error.textContent = "";
    p.progress.value = 0;
    p.progress.hidden = false;
    p.status.textContent = p.status.dataset.uploading;
    form.querySelector("button").disabled = true;
    send(form, function (event) {
      if (event.lengthComputable) {
        p.progress.value = Math.round((event.loaded / event.total) * 100);
      }
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target.closest("[data-attachment-form]");
    if (!form) {
      return;
    }
    event.preventDefault();
    if (form.hasAttribute("data-attachment-upload")) {
      upload(form);
    } else {
      form.querySelector("button").disabled = true;
      send(form);
    }
  });
})();
