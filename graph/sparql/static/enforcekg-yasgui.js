/* enforcekg's configuration of YASGUI (graph/sparql/yasgui.py): one endpoint (this server's
 * /sparql), the project's prefixes and vocabulary for autocompletion, the catalogue as example
 * tabs, the guard's messages shown as sent. A separate file, not an inline script, so the page
 * runs under a Content Security Policy of script-src 'self'.
 *
 * Offline: YASGUI's defaults would reach other hosts (a DBpedia/Wikidata endpoint catalogue,
 * prefix.cc for prefixes, the LOV API for classes and properties); all of them are replaced
 * here by local data. */
(function () {
  "use strict";
  var cfg = JSON.parse(document.getElementById("ekg-config").textContent);
  var Yasqe = Yasgui.Yasqe;
  var EKG = cfg.prefixes.ekg;
  var lang = (localStorage.getItem("enforcekg-lang") || (navigator.language || "en")).slice(0, 2) === "zh" ? "zh" : "en";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // ---- autocompletion from local data (no prefix.cc, no LOV) ----------------------------------
  var prefixLines = Object.keys(cfg.prefixes).sort().map(function (p) { return p + ": <" + cfg.prefixes[p] + ">"; });
  function termList(group) {
    var out = [];
    cfg.vocabulary[group].forEach(function (t) { out.push(t.iri); });
    return out;
  }
  function hintPostprocess(_yasqe, hints) {  // show the label beside each term in the hint list
    var labels = {};
    ["classes", "properties"].forEach(function (g) {
      cfg.vocabulary[g].forEach(function (t) { labels[t.iri] = lang === "zh" ? (t.zh || t.en) : (t.en || t.zh); });
    });
    return hints.map(function (h) {
      var iri = h.text.replace(/^ekg:/, EKG).replace(/^<|>$/g, "");
      if (labels[iri]) h.displayText = h.text + "  · " + labels[iri];
      return h;
    });
  }
  function preTerm(yasqe, token) {
    token = Yasqe.Autocompleters["class"].preProcessToken(yasqe, token);
    // the endpoint predeclares ekg: ; complete ekg:Foo even before the PREFIX line is added
    if (token.autocompletionString && token.autocompletionString.indexOf("ekg:") === 0) {
      token.tokenPrefix = "ekg:";
      token.tokenPrefixUri = EKG;
      token.autocompletionString = EKG + token.autocompletionString.slice(4);
    }
    return token;
  }
  // `get` as an array: bulk completions straight into the trie, never read from local storage
  // (each has its own persistenceId: YASQE would otherwise fall back to the editor's own key)
  Yasqe.forkAutocompleter("prefixes", { name: "ekg-prefixes", persistenceId: "enforcekg-prefixes", get: prefixLines });
  Yasqe.forkAutocompleter("class", { name: "ekg-classes", bulk: true, persistenceId: "enforcekg-classes", autoShow: true,
    get: termList("classes"), preProcessToken: preTerm, postprocessHints: hintPostprocess });
  Yasqe.forkAutocompleter("property", { name: "ekg-properties", bulk: true, persistenceId: "enforcekg-properties",
    autoShow: true, get: termList("properties"), preProcessToken: preTerm, postprocessHints: hintPostprocess });
  var completers = ["ekg-prefixes", "variables", "ekg-properties", "ekg-classes"];
  Yasqe.defaults.autocompleters = completers.slice();
  Yasqe.defaults.prefixCcApi = "";

  // ---- the guard's messages ------------------------------------------------------------------
  var KINDS = {
    403: ["Refused by the endpoint's guard", "被端点的安全检查拒绝"],
    400: ["The query is not valid SPARQL", "查询不是有效的 SPARQL"],
    413: ["The query is too large", "查询过大"],
    503: ["Stopped: time limit or server busy", "已停止：超时或服务器繁忙"],
  };
  function renderGuardError(error) {
    if (!error || !error.status || !KINDS[error.status]) return Promise.resolve(undefined);
    var box = el("div", { "class": "ekg-guard-error", "data-status": String(error.status) });
    box.appendChild(el("strong", {}, KINDS[error.status][lang === "zh" ? 1 : 0] + " (HTTP " + error.status + ")"));
    box.appendChild(el("pre", { "class": "ekg-guard-message" }, (error.text || "").trim()));
    return Promise.resolve(box);
  }

  function status(text, kind) {
    var box = document.getElementById("ekg-status");
    box.textContent = text;
    box.className = kind || "";
  }
  function onResponse(_yasqe, response) {
    var res = response && response.response ? response.response : response;  // an error carries its response
    var header = (res && res.header) || {};
    if (header["x-enforcekg-truncated"] === "true") {
      var cap = header["x-enforcekg-max-rows"] || String(cfg.maxRows);
      status(lang === "zh" ? "结果已在行数上限（" + cap + " 行）处截断：只显示前 " + cap + " 行。请缩小查询范围。"
                          : "Cut at the row cap: only the first " + cap + " rows came back. Narrow the query.", "warn");
    } else {  // the guard's errors are drawn in the result area (renderGuardError)
      status("", "");
    }
  }

  // YASGUI's tabs build their YASR from Yasr.defaults.errorRenderers (after its own CORS check)
  Yasgui.Yasr.defaults.errorRenderers = [renderGuardError].concat(Yasgui.Yasr.defaults.errorRenderers || []);

  // ---- YASGUI -------------------------------------------------------------------------------
  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: cfg.endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: cfg.endpoint }]; }, keys: [] },
    corsProxy: undefined,
    persistenceId: "enforcekg",
    // a shared link (#query=…) opens as a tab, but always on this endpoint: a link naming another
    // endpoint must not send the query there (CSP connect-src 'self' would block it anyway)
    populateFromUrl: function (tab) {
      tab.requestConfig = Object.assign({}, tab.requestConfig || {}, { endpoint: cfg.endpoint });
      return tab;
    },
    tabName: "Query",
    yasqe: { value: cfg.defaultQuery, autocompleters: completers.slice(), prefixCcApi: "",
             resizeable: true, editorHeight: "320px", collapsePrefixesOnLoad: true },
    yasr: { prefixes: cfg.prefixes, maxPersistentResponseSize: 0 },
  });
  window.enforcekgYasgui = yasgui;  // for the browser tests and the console

  var hooked = new WeakSet();
  function hook(tab) {
    if (!tab) return;
    tab.setEndpoint(cfg.endpoint);  // a tab kept from another run of the server keeps no other endpoint
    var yasqe = tab.getYasqe();
    if (yasqe && !hooked.has(yasqe)) { hooked.add(yasqe); yasqe.on("queryResponse", onResponse); }
  }
  hook(yasgui.getTab());
  yasgui.on("query", function (_y, tab) { hook(tab); status(lang === "zh" ? "查询中…" : "running…", ""); });
  yasgui.on("tabSelect", function (_y, id) { setTimeout(function () { hook(yasgui.getTab(id)); }, 0); });

  // ---- the catalogue as example tabs, and the language switch ---------------------------------
  var select = document.getElementById("ekg-examples");
  function fillExamples() {
    while (select.options.length > 1) select.remove(1);
    cfg.examples.forEach(function (ex, i) {
      var title = lang === "zh" && ex.titleZh ? ex.titleZh + " · " + ex.title : ex.title + (ex.titleZh ? " · " + ex.titleZh : "");
      var option = el("option", { value: String(i), title: ex.description }, title);
      select.appendChild(option);
    });
  }
  select.addEventListener("change", function () {
    if (select.value === "") return;
    var ex = cfg.examples[Number(select.value)];
    var name = (lang === "zh" && ex.titleZh) ? ex.titleZh : ex.title;
    var tab = yasgui.addTab(true, { name: name.length > 40 ? name.slice(0, 39) + "…" : name,
                                    yasqe: { value: ex.query }, requestConfig: { endpoint: cfg.endpoint } });
    select.value = "";
    hook(tab);
  });
  function setLang(next) {
    lang = next;
    localStorage.setItem("enforcekg-lang", lang);
    document.documentElement.lang = lang === "zh" ? "zh-Hans" : "en";
    Array.prototype.forEach.call(document.querySelectorAll("[data-en]"), function (node) {
      node.textContent = node.getAttribute(lang === "zh" ? "data-zh" : "data-en");
    });
    Array.prototype.forEach.call(document.querySelectorAll("#ekg-lang button"), function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-lang") === lang));
    });
    fillExamples();
  }
  Array.prototype.forEach.call(document.querySelectorAll("#ekg-lang button"), function (b) {
    b.addEventListener("click", function () { setLang(b.getAttribute("data-lang")); });
  });
  setLang(lang);
})();
