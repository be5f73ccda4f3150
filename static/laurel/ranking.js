// The ranking widget: a numbered form that works without JavaScript (type the ranks), turned
// into an ordered list with "Move up", "Move down" and "Tied with the one above" buttons, so it
// works by keyboard and by touch, never by dragging alone. The ranks are written back into the
// form's inputs, which the server reads as before.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  const list = document.getElementById("ranking-list");
  if (!list || list.closest("fieldset[disabled]")) {
    return;
  }
  const live = document.getElementById("ranking-live");
  const limit = parseInt(list.dataset.limit, 10) || Infinity;
  const labels = list.dataset;

  function items() {
    return Array.from(list.querySelectorAll(".ranking-item"));
  }

  function button(text, className, title) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "btn btn-outline-secondary " + className;
    b.textContent = text;
    const hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = ": " + title;
    b.appendChild(hidden);
    return b;
  }

  // Initial ties: an entry with the same rank as the one above it.
  let previous = null;
  items().forEach(function (item) {
    const input = item.querySelector(".rank-input");
    const value = input.value;
    const title = item.dataset.title;
    const controls = document.createElement("div");
    controls.className = "ranking-controls d-flex flex-wrap gap-2";
    const up = button(labels.labelUp, "ranking-up", title);
    const down = button(labels.labelDown, "ranking-down", title);
    const tie = button(labels.labelTie, "ranking-tie", title);
    tie.setAttribute("aria-pressed", value !== "" && value === previous ? "true" : "false");
    controls.append(up, down, tie);
    const badge = document.createElement("span");
    badge.className = "badge text-bg-primary ranking-badge fs-6";
    const rank = item.querySelector(".ranking-rank");
    rank.querySelector("label").classList.add("visually-hidden");
    input.type = "hidden";
    rank.prepend(badge);
    item.querySelector(".card-body").append(controls);
    previous = value;
  });

  function renumber() {
    let rank = 0;
    items().forEach(function (item, position) {
      const tie = item.querySelector(".ranking-tie");
      const tied = position > 0 && tie.getAttribute("aria-pressed") === "true";
      tie.disabled = position === 0;
      if (!tied) {
        rank = position + 1;
      }
      const ranked = position < limit;
      item.querySelector(".rank-input").value = ranked ? String(rank) : "";
      item.querySelector(".ranking-badge").textContent = ranked
        ? labels.labelRank + " " + rank
        : labels.labelUnranked;
      item.querySelector(".ranking-up").disabled = position === 0;
      item.querySelector(".ranking-down").disabled = position === items().length - 1;
    });
  }

  list.addEventListener("click", function (event) {
    const target = event.target.closest("button");
    if (!target) {
      return;
    }
    const item = target.closest(".ranking-item");
    if (target.classList.contains("ranking-tie")) {
      const pressed = target.getAttribute("aria-pressed") === "true";
      target.setAttribute("aria-pressed", pressed ? "false" : "true");
      renumber();
      return;
    }
    if (target.classList.contains("ranking-up") && item.previousElementSibling) {
      list.insertBefore(item, item.previousElementSibling);
    } else if (target.classList.contains("ranking-down") && item.nextElementSibling) {
      list.insertBefore(item.nextElementSibling, item);
    } else {
      return;
    }
    renumber();
    // Keep the focus on the button just used (or its twin when it has become disabled).
    const twin = target.classList.contains("ranking-up") ? ".ranking-down" : ".ranking-up";
    (target.disabled ? item.querySelector(twin) : target).focus();
    live.textContent = item.dataset.title + ": " + labels.labelMoved + " " + (items().indexOf(item) + 1);
  });

  renumber();
});
