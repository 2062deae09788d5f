// Catalogue filters: keep the address bar short by leaving out empty filters
// from htmx requests (and so from the URL htmx pushes). Without this file the
// form still works; the URL just lists every field.
(function () {
  "use strict";
  document.addEventListener("htmx:configRequest", function (event) {
    var source = event.detail.elt;
    if (!source || !source.closest || !source.closest("#filters, #results")) return;
    var data = event.detail.formData;
    if (!data || !data.keys) return;
    Array.from(new Set(data.keys())).forEach(function (name) {
      var values = data.getAll(name).filter(function (value) { return value !== ""; });
      if (values.length === 0) data.delete(name);
    });
  });
})();
