// Glue between the Rust app and Monaco (the npm package's AMD build, copied by Trunk to `dist/vs`
// and served from our own origin — never a CDN). Rust calls the functions exported here through
// `#[wasm_bindgen(module = "/js/monaco.js")]`; only plain data crosses: text, numbers, marker
// objects, and one change callback per editor. Editors are referred to by numeric id.

/** Monaco version this glue was written for (see package.json); the worker file names below are
 * this build's. tests/e2e/monaco-assets.test.mjs fails if they drift. */
export const MONACO_VERSION = "0.57.0";

/** The AMD build's worker scripts (classic scripts), relative to `vs/`. Monaco's own
 * `MonacoEnvironment.getWorker` wraps them in `blob:` URLs, which would need `worker-src blob:` in
 * our Content-Security-Policy; starting them directly keeps `worker-src 'self'`. */
export const WORKERS = {
  json: "assets/json.worker-Csf_TLih.js",
  editor: "assets/editor.worker-_vAIFJDs.js",
};

const MONO =
  'ui-monospace, "SF Mono", "Cascadia Mono", "Segoe UI Mono", "JetBrains Mono", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace';

const editors = new Map();
let nextId = 1;
let loading = null;
let monaco = null;

/** Loads Monaco once, after the page has painted; resolves when editors can be created. */
export function loadMonaco() {
  if (!loading) {
    loading = load().catch((err) => {
      loading = null;
      throw err instanceof Error ? err : new Error(String(err));
    });
  }
  return loading;
}

async function load() {
  // Let the textarea editors paint and become usable first.
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const vs = new URL("vs", document.baseURI).href;
  await injectScript(`${vs}/loader.js`);
  const amdRequire = globalThis.require;
  amdRequire.config({ paths: { vs } });
  monaco = await new Promise((resolve, reject) =>
    amdRequire(["vs/editor/editor.main"], resolve, reject),
  );
  // Replace the blob-wrapping worker factory editor.main installs (see WORKERS).
  globalThis.MonacoEnvironment = {
    getWorker(_moduleId, label) {
      const file = label === "json" ? WORKERS.json : WORKERS.editor;
      return new Worker(`${vs}/${file}`, { name: label });
    },
  };
  // Rust (roleplay-policy) is the one source of diagnostics, with AWS's wording; Monaco's JSON
  // worker still provides folding, formatting and bracket matching.
  monaco.languages.json.jsonDefaults.setDiagnosticsOptions({
    validate: false,
    allowComments: false,
    enableSchemaRequest: false,
  });
  // Completion and hover come from Rust (crates/worker/src/ide, in the worker) through each
  // editor's callbacks;
  // the JSON worker's own, schema-less ones would only add noise.
  monaco.languages.json.jsonDefaults.setModeConfiguration({
    ...monaco.languages.json.jsonDefaults.modeConfiguration,
    completionItems: false,
    hovers: false,
  });
  registerAssist();
  defineThemes();
  followColorScheme();
  performance.mark("roleplay:monaco-ready");
}

/** Rust's item kinds (ide::Kind) → Monaco's icons. */
function itemKind(kind) {
  const K = monaco.languages.CompletionItemKind;
  return (
    {
      property: K.Property,
      value: K.Value,
      operator: K.Operator,
      key: K.Variable,
      action: K.Function,
      service: K.Module,
      resource: K.Reference,
    }[kind] ?? K.Text
  );
}

function rangeOf(model, start, end) {
  const a = model.getPositionAt(start);
  const b = model.getPositionAt(end);
  return new monaco.Range(a.lineNumber, a.column, b.lineNumber, b.column);
}

/** The editor entry of a model, if it is one of ours. */
function entryOf(model) {
  for (const entry of editors.values()) if (entry.editor.getModel() === model) return entry;
  return undefined;
}

// One provider of each kind for the "json" language; each asks the Rust callbacks of the editor
// whose model it is given, with the text and a UTF-16 offset, and gets plain data back.
function registerAssist() {
  monaco.languages.registerCompletionItemProvider("json", {
    triggerCharacters: ['"', ":"],
    async provideCompletionItems(model, position) {
      const entry = entryOf(model);
      if (!entry) return { suggestions: [] };
      const started = performance.now();
      const items = (await entry.complete(model.getValue(), model.getOffsetAt(position))) ?? [];
      // Read by the browser tests: how long the worker took to answer (text to items, both ways).
      performance.measure("roleplay:complete", { start: started });
      return {
        suggestions: items.map((item, i) => ({
          label: item.label,
          kind: itemKind(item.kind),
          detail: item.detail,
          documentation: item.documentation ? { value: item.documentation } : undefined,
          insertText: item.insertText,
          insertTextRules: item.snippet
            ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet
            : undefined,
          filterText: item.filterText,
          range: rangeOf(model, item.start, item.end),
          // Rust's order: the most relevant first.
          sortText: String(i).padStart(5, "0"),
          command: item.retrigger
            ? { id: "editor.action.triggerSuggest", title: "Suggest" }
            : undefined,
          // Items without documentation (catalog actions) are described when focused.
          describe: item.documentation ? undefined : () => entry.describe(item.label),
        })),
      };
    },
    async resolveCompletionItem(item) {
      const doc = await item.describe?.();
      if (doc) item.documentation = { value: doc };
      return item;
    },
  });
  // Findings that carry their own replacement (`"allow"` → `"Allow"`, `s3:GetObjet` →
  // `s3:GetObject`): the light bulb, Ctrl+. and the marker's hover offer it.
  monaco.languages.registerCodeActionProvider("json", {
    provideCodeActions(model, range, context) {
      const fixes = (entryOf(model)?.fixes ?? []).filter((f) =>
        monaco.Range.areIntersectingOrTouching(f.range, range),
      );
      const actions = fixes.map((f) => ({
        title: f.title,
        kind: "quickfix",
        isPreferred: true,
        diagnostics: context.markers.filter(
          (m) => m.code === f.code && monaco.Range.areIntersectingOrTouching(m, f.range),
        ),
        edit: {
          edits: [
            {
              resource: model.uri,
              textEdit: { range: f.range, text: f.text },
              versionId: model.getVersionId(),
            },
          ],
        },
      }));
      return { actions, dispose() {} };
    },
  });
  monaco.languages.registerHoverProvider("json", {
    async provideHover(model, position) {
      const entry = entryOf(model);
      const hover = await entry?.hover(model.getValue(), model.getOffsetAt(position));
      if (!hover) return null;
      return {
        contents: [{ value: hover.contents, supportHtml: false, isTrusted: false }],
        range: rangeOf(model, hover.start, hover.end),
      };
    },
  });
}

function injectScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.appendChild(script);
  });
}

// Colours match web/style.css (--editor-bg and friends) so the swap from textarea is seamless.
/** The page's colour of a CSS variable (web/style.css, light-dark()) in one scheme, as Monaco's hex:
 * the editors' colours are written once, there. */
function pageColour(variable, scheme) {
  const probe = document.createElement("div");
  probe.style.cssText = `color-scheme: ${scheme}; color: var(${variable}); display: none`;
  document.body.append(probe);
  const rgb = getComputedStyle(probe).color.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0];
  probe.remove();
  const byte = (n) => Math.round(n).toString(16).padStart(2, "0");
  const [r, g, b, a = 1] = rgb;
  return `#${byte(r)}${byte(g)}${byte(b)}${a < 1 ? byte(a * 255) : ""}`;
}

function defineThemes() {
  const editor = (scheme) => ({
    "editor.background": pageColour("--editor-bg", scheme),
    "editor.foreground": pageColour("--editor-text", scheme),
    "editorLineNumber.foreground": pageColour("--gutter-text", scheme),
    "editorGutter.background": pageColour("--editor-bg", scheme),
    "editor.lineHighlightBorder": "#00000000",
  });
  monaco.editor.defineTheme("roleplay-light", {
    base: "vs",
    inherit: true,
    rules: [
      { token: "string.key.json", foreground: "7c3aed" },
      { token: "string.value.json", foreground: "0f766e" },
      { token: "number", foreground: "b45309" },
      { token: "keyword.json", foreground: "1d4ed8" },
      { token: "delimiter", foreground: "4b5563" },
    ],
    colors: {
      ...editor("light"),
      "editorLineNumber.activeForeground": "#374151",
      "editor.lineHighlightBackground": "#f3f4f6",
      "editorIndentGuide.background1": "#e5e7eb",
    },
  });
  monaco.editor.defineTheme("roleplay-dark", {
    base: "vs-dark",
    inherit: true,
    rules: [
      { token: "string.key.json", foreground: "c4b5fd" },
      { token: "string.value.json", foreground: "5eead4" },
      { token: "number", foreground: "fbbf24" },
      { token: "keyword.json", foreground: "93c5fd" },
      { token: "delimiter", foreground: "9ca3af" },
    ],
    colors: {
      ...editor("dark"),
      "editorLineNumber.activeForeground": "#d1d5db",
      "editor.lineHighlightBackground": "#172033",
      "editorIndentGuide.background1": "#1f2937",
    },
  });
}

// "system" follows prefers-color-scheme; "light" and "dark" are the user's choice in the header.
let themePreference = "system";
let applyTheme = () => {};

function followColorScheme() {
  const dark = matchMedia("(prefers-color-scheme: dark)");
  applyTheme = () => {
    const isDark = themePreference === "dark" || (themePreference === "system" && dark.matches);
    monaco.editor.setTheme(isDark ? "roleplay-dark" : "roleplay-light");
  };
  applyTheme();
  dark.addEventListener("change", () => applyTheme());
}

/** The header's theme choice: "system", "light" or "dark". Safe to call before Monaco loads. */
export function setThemePreference(preference) {
  themePreference = preference;
  applyTheme();
}

/** Creates an editor filling `container`; returns its id. `onChange(text)` runs on every edit.
 * `focusOffset` (UTF-16 offset, as a textarea's selectionStart): when given, the editor takes the
 * focus with its cursor there — the user was typing in the textarea this editor replaces.
 * `complete(text, offset)`, `hover(text, offset)` and `describe(label)` answer Monaco's providers
 * for this editor with promises of the worker's answers (see registerAssist). */
export function createEditor(container, value, ariaLabel, onChange, focusOffset, complete, hover, describe) {
  if (!monaco) throw new Error("Monaco is not loaded");
  const editor = monaco.editor.create(container, {
    value,
    language: "json",
    ariaLabel,
    automaticLayout: true,
    fontFamily: MONO,
    fontSize: 13,
    lineHeight: 20,
    tabSize: 2,
    insertSpaces: true,
    minimap: { enabled: false },
    // A policy is a few screens at most: lines pinned over the top of a short editor hide the
    // ones under them (and their markers' hovers).
    stickyScroll: { enabled: false },
    scrollBeyondLastLine: false,
    renderLineHighlight: "line",
    renderLineHighlightOnlyWhenFocus: true,
    bracketPairColorization: { enabled: false },
    // The text models read this from Monaco's configuration service, which standalone editors
    // fill from their options by configuration key (the object form above does not reach it).
    "bracketPairColorization.enabled": false,
    guides: { indentation: true, bracketPairs: false },
    lineNumbersMinChars: 3,
    lineDecorationsWidth: 8,
    glyphMargin: false,
    folding: true,
    showFoldingControls: "mouseover",
    overviewRulerLanes: 0,
    hideCursorInOverviewRuler: true,
    overviewRulerBorder: false,
    scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 10, useShadows: false },
    padding: { top: 12, bottom: 12 },
    fixedOverflowWidgets: true,
    contextmenu: true,
    wordBasedSuggestions: "off",
    // Everything a policy names is a string: suggest while typing in one, and on `"` and `:`.
    quickSuggestions: { strings: "on", other: "off", comments: "off" },
    suggest: { showWords: false, preview: false },
  });
  if (typeof focusOffset === "number") {
    const position = editor.getModel().getPositionAt(focusOffset);
    editor.setPosition(position);
    editor.revealPositionInCenterIfOutsideViewport(position);
    editor.focus();
  }
  leaveWithEscapeTab(editor, container);
  const id = nextId++;
  const subscription = editor.onDidChangeModelContent(() => onChange(editor.getValue()));
  editors.set(id, {
    editor,
    subscription,
    decorations: editor.createDecorationsCollection([]),
    complete,
    hover,
    describe,
    fixes: [],
  });
  return id;
}

const TABBABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]';

/** Tab indents inside the editor; Escape then Tab (or Shift+Tab) moves the focus out of it, the
 * WAI-ARIA practice for code editors (the page says so beside the editor). Monaco's own Ctrl+M,
 * which makes Tab move the focus until pressed again, still works. */
function leaveWithEscapeTab(editor, container) {
  let escaped = false;
  editor.onKeyDown((e) => {
    const { KeyCode } = monaco;
    // Shift on its way to Shift+Tab keeps the Escape pending.
    if ([KeyCode.Shift, KeyCode.Ctrl, KeyCode.Alt, KeyCode.Meta].includes(e.keyCode)) return;
    if (e.keyCode === KeyCode.Escape) {
      escaped = true;
      return;
    }
    if (e.keyCode === KeyCode.Tab && escaped && !e.ctrlKey && !e.altKey && !e.metaKey) {
      e.preventDefault();
      e.stopPropagation();
      focusBeside(container, e.shiftKey);
    }
    escaped = false;
  });
}

/** Focuses the first tabbable element after `container` (or the last one before it). */
function focusBeside(container, backwards) {
  const tabbable = [...document.querySelectorAll(TABBABLE)].filter(
    (el) =>
      el.tabIndex >= 0 &&
      !container.contains(el) &&
      el.getClientRects().length > 0 &&
      !el.closest('[aria-hidden="true"]'),
  );
  const after = (el) => container.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING;
  const target = backwards ? tabbable.filter((el) => !after(el)).at(-1) : tabbable.find(after);
  target?.focus();
}

/** Replaces the text (for changes that did not come from this editor), keeping undo history. */
export function setValue(id, text) {
  const entry = editors.get(id);
  if (!entry || entry.editor.getValue() === text) return;
  const model = entry.editor.getModel();
  entry.editor.executeEdits("roleplay", [{ range: model.getFullModelRange(), text }]);
}

const SEVERITY = { error: 8, warning: 4, info: 2, hint: 1 }; // monaco.MarkerSeverity

/** markers: [{severity, message, code, startLineNumber, startColumn, endLineNumber, endColumn,
 * quickFix?: {title, text, startLineNumber, startColumn, endLineNumber, endColumn}}]. The quick
 * fixes are kept beside the model's markers for the code action provider. */
export function setMarkers(id, markers) {
  const entry = editors.get(id);
  if (!entry) return;
  entry.fixes = markers
    .filter((m) => m.quickFix)
    .map((m) => ({
      code: m.code,
      title: m.quickFix.title,
      text: m.quickFix.text,
      range: new monaco.Range(
        m.quickFix.startLineNumber,
        m.quickFix.startColumn,
        m.quickFix.endLineNumber,
        m.quickFix.endColumn,
      ),
    }));
  monaco.editor.setModelMarkers(
    entry.editor.getModel(),
    "roleplay",
    markers.map(({ quickFix, ...m }) => ({
      ...m,
      severity: SEVERITY[m.severity] ?? SEVERITY.info,
      source: "roleplay",
    })),
  );
}

/** The deciding statements of the selected step and what a pointed-at fix would change:
 * [{startLine, startColumn, endLine, endColumn, kind: "allow" | "deny" | "fix"}]. Whole lines get a tinted background and a mark in the glyph margin;
 * markers (parse errors, lint findings) are separate and stay as they are. */
export function setDecorations(id, decorations) {
  const entry = editors.get(id);
  if (!entry) return;
  entry.decorations.set(
    decorations.map((d) => ({
      range: new monaco.Range(d.startLine, d.startColumn, d.endLine, d.endColumn),
      options: {
        isWholeLine: true,
        className: `roleplay-decided roleplay-decided-${d.kind}`,
        // The mark sits in the line-decorations margin, between the numbers and the text.
        linesDecorationsClassName: `roleplay-glyph roleplay-glyph-${d.kind}`,
      },
    })),
  );
  // The ranges, readable from the page (the browser tests check them): "4-10:allow 12-14:deny".
  entry.editor.getContainerDomNode().dataset.decorated = decorations
    .map((d) => `${d.startLine}-${d.endLine}:${d.kind}`)
    .join(" ");
  const first = decorations[0];
  if (first) entry.editor.revealLinesInCenterIfOutsideViewport(first.startLine, first.endLine);
}

export function disposeEditor(id) {
  const entry = editors.get(id);
  if (!entry) return;
  editors.delete(id);
  entry.subscription.dispose();
  const model = entry.editor.getModel();
  entry.editor.dispose();
  model?.dispose();
}
