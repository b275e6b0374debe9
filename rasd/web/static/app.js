// Rasd web app: report highlights. No inline scripts anywhere (strict CSP).
(function () {
  "use strict";
  function showDetails(mark) {
    var panel = document.getElementById("details");
    if (!panel) { return; }
    var ids = (mark.getAttribute("data-ann") || "").split(" ");
    panel.querySelectorAll(".ann-detail").forEach(function (s) { s.hidden = true; });
    var hint = panel.querySelector(".hint");
    if (hint) { hint.hidden = true; }
    ids.forEach(function (id) {
      var section = document.getElementById("ann-" + id);
      if (section) { section.hidden = false; }
    });
    document.querySelectorAll("mark.selected").forEach(function (m) { m.classList.remove("selected"); });
    mark.classList.add("selected");
  }
  document.addEventListener("click", function (ev) {
    var mark = ev.target.closest && ev.target.closest("#report-text mark.ann");
    if (mark) { showDetails(mark); }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && ev.target.matches && ev.target.matches("#report-text mark.ann")) {
      showDetails(ev.target);
    }
  });
})();
