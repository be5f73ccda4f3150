// Autosave of the entry form (templates/submissions/entry_edit.html).
// htmx posts the form (hx-trigger on #entry-form); this file makes sure typed text is never lost:
// - a copy of the fields is kept in localStorage until the server has it, and offered back after
//   a crash or a lost connection;
// - failed saves say so, keep the text in the page and are retried;
// - the CSRF token is read from the cookie at each save, so signing in again in another tab
//   (which rotates the token) does not make every later save fail;
// - saves half a second after typing stops, when a field loses focus, and when the page is hidden
//   or closed (a keep-alive request), so that a quick reload already shows the text;
// - live word counts for long answers.
"use strict";

(function () {
  const form = document.getElementById("entry-form");
  const fields = document.getElementById("entry-fields");
  if (!form || !fields) {
    return;
  }
  const storageKey = "laurel-entry-" + form.dataset.entryId;
  const status = document.getElementById("autosave-status");
  const RETRY_FIRST = 5000;
  const RETRY_MAX = 60000;
  let retryDelay = RETRY_FIRST;
  let retryTimer = null;
  let dirty = false;
  let leaving = false;
  let sentSnapshot = null;
  let saving = 0; // autosave requests started and not yet answered
  let submitAfterSave = null; // the button of a form post held back until those are answered
  const SUBMIT_WAIT_MAX = 5000;

  function csrfFromCookie() {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : null;
  }

  function refreshCsrfInputs() {
    const token = csrfFromCookie();
    if (token) {
      document.querySelectorAll('input[name="csrfmiddlewaretoken"]').forEach(function (input) {
        input.value = token;
      });
    }
  }

  function revision() {
    const input = document.getElementById("id_revision");
    return input ? Number(input.value) : 0;
  }

  // The entry's own fields (not the attachment forms), as {name: [values]}.
  function collect() {
    const data = {};
    new FormData(form).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken" || name === "revision") {
        return;
      }
      (data[name] = data[name] || []).push(value);
    });
    return data;
  }

  function restore(data) {
    Array.from(form.elements).forEach(function (element) {
      const name = element.name;
      if (!name || name === "csrfmiddlewaretoken" || name === "revision" || element.type === "submit") {
        return;
      }
      const values = data[name] || [];
      if (element.type === "checkbox" || element.type === "radio") {
        element.checked = values.indexOf(element.value) >= 0;
      } else {
        element.value = values.length ? values[0] : "";
      }
    });
    countAllWords();
  }

  function keepLocalCopy() {
    try {
      localStorage.setItem(
        storageKey,
        JSON.stringify({ data: collect(), baseRevision: revision(), at: new Date().toISOString() })
      );
    } catch (error) {
      // Storage full or disabled: the server copy is all we have; nothing else to do.
    }
  }

  function dropLocalCopy() {
    try {
      localStorage.removeItem(storageKey);
    } catch (error) {
      // ignore
    }
  }

  function say(message, isError) {
    status.textContent = message;
    status.classList.toggle("text-danger", Boolean(isError));
  }

  function scheduleRetry() {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(function () {
      htmx.trigger(form, "autosave");
    }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, RETRY_MAX);
  }

  // Word counts under long answers.
  function countWords(counter) {
    const field = document.getElementById(counter.dataset.wordCountFor);
    const output = counter.querySelector("[data-count]");
    if (!field || !output) {
      return;
    }
    const words = field.value.trim() ? field.value.trim().split(/\s+/).length : 0;
    output.textContent = String(words);
    const max = Number(counter.dataset.maxWords || 0);
    counter.classList.toggle("text-danger", max > 0 && words > max);
  }

  function countAllWords() {
    document.querySelectorAll("[data-word-count-for]").forEach(countWords);
  }

  fields.addEventListener("input", function (event) {
    if (event.target.form !== form) {
      return; // an attachment form's file input
    }
    dirty = true;
    keepLocalCopy();
    if (event.target.tagName === "TEXTAREA") {
      const counter = document.querySelector('[data-word-count-for="' + event.target.id + '"]');
      if (counter) {
        countWords(counter);
      }
    }
  });

  form.addEventListener("htmx:configRequest", function (event) {
    const token = csrfFromCookie();
    if (token) {
      event.detail.headers["X-CSRFToken"] = token;
      event.detail.parameters.csrfmiddlewaretoken = token;
    }
    sentSnapshot = JSON.stringify(collect());
  });

  // Our own error fragments (signed out, conflict, refused) are shown in the status line.
  form.addEventListener("htmx:beforeSwap", function (event) {
    const xhr = event.detail.xhr;
    if (xhr.status >= 400 && xhr.getResponseHeader("X-Autosave") === "1") {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  form.addEventListener("htmx:beforeRequest", function () {
    saving += 1;
  });

  // A form post sent while an autosave is on its way would carry the revision from before that
  // save and be refused as a conflict with the entrant's own save; it waits for the answer.
  function submitWhenSaved() {
    if (saving > 0 || !submitAfterSave) {
      return;
    }
    const submitter = submitAfterSave.submitter;
    submitAfterSave = null;
    if (submitter) {
      form.requestSubmit(submitter);
    } else {
      form.requestSubmit();
    }
  }

  form.addEventListener("htmx:afterRequest", function (event) {
    saving = Math.max(0, saving - 1);
    // htmx starts a queued save straight after this event: look once it has.
    setTimeout(submitWhenSaved, 0);
    const xhr = event.detail.xhr;
    const code = xhr ? xhr.status : 0;
    const ours = Boolean(xhr) && xhr.getResponseHeader("X-Autosave") === "1";
    status.classList.remove("text-danger");
    if (code === 200) {
      retryDelay = RETRY_FIRST;
      clearTimeout(retryTimer);
      if (JSON.stringify(collect()) === sentSnapshot) {
        dirty = false;
        dropLocalCopy();
      } else {
        keepLocalCopy(); // typed while saving: the next save carries it
      }
    } else if (code === 401 || (code === 403 && !ours)) {
      // Signed out, or the CSRF token changed: keep trying, a sign-in in another tab fixes it.
      if (!ours) {
        say(form.dataset.msgSignedOut, true);
      }
      scheduleRetry();
    } else if (code === 409 || code === 422 || code === 403) {
      // A conflict or a refusal: the server's message is shown; retrying would not help.
      clearTimeout(retryTimer);
    } else {
      // Offline, or the server says it cannot save just now (503 during an outage, with its
      // own "not saved, retrying" line): keep the local copy and try again with backoff.
      keepLocalCopy();
      if (!ours) {
        say(form.dataset.msgOffline, true);
      } else {
        status.classList.add("text-danger");
      }
      scheduleRetry();
    }
  });

  // "Save my version over it" after a conflict: take the server's revision and save again.
  status.addEventListener("click", function (event) {
    const button = event.target.closest("[data-autosave-overwrite]");
    if (button) {
      document.getElementById("id_revision").value = button.dataset.autosaveOverwrite;
      htmx.trigger(form, "autosave");
    }
  });

  document.addEventListener("submit", function (event) {
    refreshCsrfInputs();
    if (event.target !== form) {
      return;
    }
    if (saving > 0) {
      event.preventDefault();
      if (!submitAfterSave) {
        submitAfterSave = { submitter: event.submitter };
        // A save that never answers must not keep the entrant on the page.
        setTimeout(function () {
          saving = 0;
          submitWhenSaved();
        }, SUBMIT_WAIT_MAX);
      }
      return;
    }
    leaving = true; // the text goes with this post
  }, true);

  // Leaving or hiding the page (a reload, a closed tab, a switch to another app on a phone):
  // send what is not saved yet in a request the browser completes even as the page goes.
  function saveBeforeLeaving() {
    if (!dirty || leaving) {
      return;
    }
    const body = new FormData(form);
    const token = csrfFromCookie();
    if (token) {
      body.set("csrfmiddlewaretoken", token);
    }
    try {
      fetch(form.getAttribute("hx-post"), {
        method: "POST",
        body: body,
        keepalive: true,
        credentials: "same-origin",
        headers: token ? { "X-CSRFToken": token, "HX-Request": "true" } : { "HX-Request": "true" },
      });
    } catch (error) {
      // The local copy is still there and is offered back on the next visit.
    }
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      saveBeforeLeaving();
    }
  });
  window.addEventListener("pagehide", saveBeforeLeaving);

  window.addEventListener("beforeunload", function (event) {
    if (dirty && !leaving) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // Crash recovery: a local copy the server never confirmed is offered back.
  function offerRestore() {
    let saved = null;
    try {
      saved = JSON.parse(localStorage.getItem(storageKey) || "null");
    } catch (error) {
      saved = null;
    }
    if (!saved || !saved.data || JSON.stringify(saved.data) === JSON.stringify(collect())) {
      dropLocalCopy();
      return;
    }
    if (saved.baseRevision === revision()) {
      // Nothing was saved since this copy was made (a reload right after typing, before the
      // last save arrived): the copy is simply newer than the page, so it is put back and saved.
      restore(saved.data);
      dirty = true;
      say(form.dataset.msgRestored, false);
      htmx.trigger(form, "autosave");
      return;
    }
    const box = document.getElementById("autosave-restore");
    if (!box) {
      return;
    }
    box.querySelector("[data-restore-time]").textContent = new Date(saved.at).toLocaleString();
    box.querySelector("[data-restore-newer]").hidden = !(revision() > saved.baseRevision);
    box.hidden = false;
    box.querySelector("[data-restore-apply]").addEventListener("click", function () {
      restore(saved.data);
      box.hidden = true;
      dirty = true;
      htmx.trigger(form, "autosave");
    });
    box.querySelector("[data-restore-discard]").addEventListener("click", function () {
      dropLocalCopy();
      box.hidden = true;
    });
  }

  // The sticky action bar's height, for the page's scroll padding (laurel.css).
  function measureActionBar() {
    document.documentElement.style.setProperty("--entry-actions-height", form.offsetHeight + "px");
  }
  window.addEventListener("resize", measureActionBar);

  measureActionBar();
  countAllWords();
  offerRestore();
})();
