/* The app's SPARQL editor (graph/ui/editor.py): YASQE inside a Streamlit custom component (v1),
 * speaking Streamlit's component protocol by hand (postMessage; no npm build).
 *
 * In:  render args {seed, revision, height, label, hint, lang, prefixes, vocabulary}.
 * Out: {text, revision, run}: the text (300 ms after the last key), run bumped by Ctrl/Cmd+Enter.
 * Offline: YASQE's prefix.cc and LOV look-ups are replaced by the project's own lists; its query
 * button, share link and local storage are off (the page runs the query through the guard). */
(function () {
  "use strict";
  var yasqe = null, revision = null, runs = 0, timer = null, completersReady = false;
  var COMPLETERS = ["ekg-prefixes", "variables", "ekg-properties", "ekg-classes"];

  function send(type, extra) {
    var msg = { isStreamlitMessage: true, type: type };
    Object.keys(extra || {}).forEach(function (k) { msg[k] = extra[k]; });
    window.parent.postMessage(msg, "*");
  }
  function sendValue() {
    if (timer) { clearTimeout(timer); timer = null; }
    send("streamlit:setComponentValue", { value: { text: yasqe.getValue(), revision: revision, run: runs },
                                          dataType: "json" });
  }
  function setHeight() {
    send("streamlit:setFrameHeight", { height: document.body.scrollHeight + 4 });
  }

  function registerCompleters(prefixes, vocabulary) {
    if (completersReady) return;
    completersReady = true;
    var EKG = prefixes.ekg;
    var prefixLines = Object.keys(prefixes).sort().map(function (p) { return p + ": <" + prefixes[p] + ">"; });
    var labels = {};
    ["classes", "properties"].forEach(function (g) {
      vocabulary[g].forEach(function (t) { labels[t.iri] = t.en + (t.zh ? " · " + t.zh : ""); });
    });
    function iris(group) { return vocabulary[group].map(function (t) { return t.iri; }); }
    function withLabels(_y, hints) {
      return hints.map(function (h) {
        var iri = h.text.replace(/^ekg:/, EKG).replace(/^<|>$/g, "");
        if (labels[iri]) h.displayText = h.text + "  · " + labels[iri];
        return h;
      });
    }
    function preTerm(y, token) {
      token = Yasqe.Autocompleters["class"].preProcessToken(y, token);
      if (token.autocompletionString && token.autocompletionString.indexOf("ekg:") === 0) {  // ekg: is predeclared
        token.tokenPrefix = "ekg:";
        token.tokenPrefixUri = EKG;
        token.autocompletionString = EKG + token.autocompletionString.slice(4);
      }
      return token;
    }
    Yasqe.forkAutocompleter("prefixes", { name: "ekg-prefixes", persistenceId: "enforcekg-app-prefixes", get: prefixLines });
    Yasqe.forkAutocompleter("class", { name: "ekg-classes", bulk: true, autoShow: true, persistenceId: "enforcekg-app-classes",
      get: iris("classes"), preProcessToken: preTerm, postprocessHints: withLabels });
    Yasqe.forkAutocompleter("property", { name: "ekg-properties", bulk: true, autoShow: true,
      persistenceId: "enforcekg-app-properties", get: iris("properties"), preProcessToken: preTerm,
      postprocessHints: withLabels });
    // YASQE merges its config into the defaults index by index: set the list here, not only below
    Yasqe.defaults.autocompleters = COMPLETERS.slice();
  }

  function run() { runs += 1; sendValue(); }
  function showWords(args) {  // the label and the keys hint follow the app's language
    document.getElementById("label").textContent = args.label || "";
    document.getElementById("hint").textContent = args.hint || "";
  }

  function create(args) {
    registerCompleters(args.prefixes, args.vocabulary);
    showWords(args);
    yasqe = new Yasqe(document.getElementById("editor"), {
      value: args.seed,
      persistenceId: null,
      showQueryButton: false,
      createShareableLink: null,
      consumeShareLink: null,
      resizeable: false,
      editorHeight: (args.height || 260) + "px",
      prefixCcApi: "",
      autocompleters: COMPLETERS.slice(),
      requestConfig: { endpoint: "" },
      extraKeys: {
        "Ctrl-Enter": run, "Cmd-Enter": run,
        "Ctrl-Space": function (y) { y.autocomplete(); },
        "Shift-Ctrl-F": function (y) { y.autoformat(); },
        "Ctrl-/": function (y) { y.commentLines(); },
        Esc: function (y) { y.getInputField().blur(); },
      },
    });
    yasqe.on("change", function () {
      if (timer) clearTimeout(timer);
      timer = setTimeout(sendValue, 300);
    });
    yasqe.on("blur", sendValue);
    window.enforcekgEditor = yasqe;  // for the browser test
  }

  window.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.type !== "streamlit:render") return;
    var args = data.args || {};
    if (!yasqe) {
      create(args);
      revision = args.revision;
      setHeight();
    } else {
      showWords(args);
      if (args.revision !== revision) {  // the page replaced the text
        revision = args.revision;
        yasqe.setValue(args.seed);
        sendValue();
      }
    }
  });
  send("streamlit:componentReady", { apiVersion: 1 });
})();
