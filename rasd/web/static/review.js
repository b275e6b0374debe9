// Keyboard review: j/k move between cards; c/r/e on events; s/d/u on entity pairs.
(function () {
  "use strict";
  function cards() {
    return Array.prototype.slice.call(document.querySelectorAll("#review .event-card, #review .pair-card:not(.decided)"));
  }
  function current() {
    var active = document.activeElement;
    var card = active && active.closest ? active.closest(".event-card, .pair-card") : null;
    return card || cards()[0] || null;
  }
  function move(step) {
    var list = cards();
    if (!list.length) { return; }
    var at = list.indexOf(current());
    var next = list[Math.max(0, Math.min(list.length - 1, at + step))];
    next.focus();
    next.scrollIntoView({block: "nearest"});
  }
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    var tag = (ev.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select") { return; }
    if (ev.key === "j") { move(1); ev.preventDefault(); return; }
    if (ev.key === "k") { move(-1); ev.preventDefault(); return; }
    var card = current();
    if (!card) { return; }
    var control = card.querySelector('[data-key="' + ev.key + '"]');
    if (control) { ev.preventDefault(); control.click(); }
  });
  // After a decision the card is replaced: keep the focus moving down the queue.
  document.body.addEventListener("htmx:afterSwap", function (ev) {
    var card = ev.detail.elt;
    if (card && card.focus) { card.focus(); }
  });
  var first = cards()[0];
  if (first) { first.focus(); }
})();
