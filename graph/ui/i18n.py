"""The app's two languages: every fixed text of the interface in English and Chinese, and the
language the reader chose (the sidebar switch, kept in ``st.session_state["lang"]`` and in the
address as ``lang=zh``, so a link copied in Chinese opens in Chinese).

Entity labels come from the graph (``graph.ui.common.label``, English when a resource has no
Chinese label); this table holds only the interface's own words.
"""

from __future__ import annotations

import streamlit as st

__all__ = ["LANGUAGES", "LANG_PARAM", "STRINGS", "lang", "t", "language_switch", "url_params"]

LANGUAGES = {"English": "en", "中文": "zh"}
LANG_PARAM = "lang"  # the query parameter that carries the language (absent = English)

STRINGS: dict[str, tuple[str, str]] = {
    # navigation
    "nav.overview": ("Overview", "概览"),
    "nav.explore": ("Explore", "探索"),
    "nav.sparql": ("SPARQL", "SPARQL 查询"),
    "nav.grounds": ("Grounds", "拒绝理由"),
    "nav.sources": ("Sources", "出处"),
    "nav.routes": ("Routes", "执行途径"),  # the Routes page (route finder) to come
    "language": ("Language · 语言", "Language · 语言"),
    # errors
    "error.generic": ("This page could not be shown: {reason}. Try another input; if it happens again, "
                      "please report it with what you did.",
                      "无法显示本页：{reason}。请换一个输入再试；如仍出现，请报告您的操作步骤。"),
    # overview
    "overview.title": ("What the graph holds", "图谱概览"),
    "overview.entities": ("Entities", "实体"),
    "overview.triples": ("Triples", "三元组"),
    "overview.zh": ("With a Chinese label", "有中文标签"),
    "overview.source": ("With a source", "有出处"),
    "overview.class": ("class", "类"),
    "overview.instances": ("instances", "实例数"),
    # explore
    "explore.title": ("Explore the graph", "探索图谱"),
    "explore.search": ("Find by name (English or 中文)", "按名称查找（英文或中文）"),
    "explore.placeholder": ("e.g. New York Convention, 深圳, public policy", "例如：纽约公约、深圳、public policy"),
    "explore.matches": ("Matches", "匹配结果"),
    "explore.none": ("Nothing in the graph is called “{text}”.", "图谱中没有名为“{text}”的资源。"),
    "explore.didyoumean": ("Did you mean: {hints}?", "您是否要找：{hints}？"),
    "card.labels": ("Labels", "标签"),
    "card.alt": ("Other names", "其他名称"),
    "card.definition": ("Definition and notes", "定义与说明"),
    "card.types": ("Kind", "类别"),
    "card.links": ("Links", "关联"),
    "card.facts": ("Facts", "属性"),
    "card.sources": ("Sources", "出处"),
    "card.nosource": ("No source recorded for this resource.", "该资源没有记录出处。"),
    "card.guide": ("Guide §{section}", "指南第{section}节"),
    "col.direction": ("direction", "方向"),
    "col.relation": ("relation", "关系"),
    "col.entity": ("linked resource", "关联资源"),
    "col.inferred": ("inferred", "推理所得"),
    "col.value": ("value", "值"),
    "dir.out": ("→ to", "→ 指向"),
    "dir.in": ("← from", "← 来自"),
    "view.title": ("Node-link view", "节点关系图"),
    "view.help": ("Click a node or a link to see what stands behind it (type, labels, legal basis, guide section "
                  "and quote, source); double-click a node, or use Expand, to add its neighbours over the relation "
                  "types chosen below (none chosen = all). The address bar holds the whole view: copy it to share.",
                  "点击节点或连线可查看其依据（类型、标签、法律依据、指南章节与原文、出处）；双击节点或点击“展开”，按下方所选"
                  "关系类型加入相邻节点（不选＝全部）。地址栏保存整个视图，复制即可分享。"),
    "view.relations": ("Relation types to expand", "展开的关系类型"),
    "view.reset": ("Reset the view", "重置视图"),
    "view.hidden": ("{n} more links of {node} were left out to keep the view readable.",
                    "为保持可读，{node} 另有 {n} 条关联未显示。"),
    "view.table": ("Table twin of the view", "视图的表格版本"),
    "view.graphml": ("Download the view (GraphML)", "下载视图（GraphML）"),
    "view.dot": ("Download the view as a Graphviz image source (DOT)", "下载视图的 Graphviz 图像源（DOT）"),
    "view.fallback": ("The interactive graph component is not installed; showing a static drawing. "
                      "Choose a node below to expand it.",
                      "交互式图组件未安装，显示静态图。请在下方选择要展开的节点。"),
    "view.expand_node": ("Expand a node", "展开节点"),
    "path.title": ("Path between two resources", "两个资源之间的路径"),
    "path.from": ("From (name)", "起点（名称）"),
    "path.to": ("To (name)", "终点（名称）"),
    "path.pick_from": ("From", "起点"),
    "path.pick_to": ("To", "终点"),
    "path.none": ("No path links these two through places, courts, routes, rules, grounds, legal bases "
                  "or treaties (within 8 steps).",
                  "在地点、法院、途径、规则、理由、法律依据或条约之间找不到连接二者的路径（8 步以内）。"),
    "path.same": ("Choose two different resources.", "请选择两个不同的资源。"),
    "path.basis": ("legal basis", "法律依据"),
    "path.sections": ("guide sections", "指南章节"),
    "path.step": ("step", "步骤"),
    "path.graphml": ("Download the path (GraphML)", "下载路径（GraphML）"),
    # sparql
    "sparql.title": ("SPARQL", "SPARQL 查询"),
    "sparql.caption": ("Read-only SPARQL 1.1 over the whole graph (asserted and inferred). The prefixes below are "
                       "predefined. Each query runs in its own process with a time limit of {timeout:g} s and "
                       "returns at most {rows} rows.",
                       "只读 SPARQL 1.1，查询整个图谱（断言与推理）。下列前缀已预定义。每个查询在独立进程中运行，"
                       "时间上限 {timeout:g} 秒，最多返回 {rows} 行。"),
    "sparql.example": ("Example query", "示例查询"),
    "sparql.free": ("(your own query)", "（自定义查询）"),
    "sparql.params": ("Parameters", "参数"),
    "sparql.prefixes": ("Predefined prefixes", "预定义前缀"),
    "sparql.query": ("Query", "查询"),
    "sparql.run": ("Run", "运行"),
    "sparql.empty": ("Type a query first.", "请先输入查询。"),
    "sparql.rows": ("{n} rows", "{n} 行"),
    "sparql.cap": ("Row cap reached: only the first {rows} rows are shown and downloadable. Narrow the "
                   "query (LIMIT, FILTER) to see the rest.",
                   "已达到行数上限：只显示并可下载前 {rows} 行。请收窄查询（LIMIT、FILTER）以查看其余结果。"),
    "sparql.timeout": ("The query ran longer than the time limit of {timeout:g} s and was stopped. Narrow it "
                       "(fewer variables in a pattern, a LIMIT, more specific FILTERs).",
                       "查询超过 {timeout:g} 秒的时间上限，已被停止。请收窄查询（减少变量、加 LIMIT、更具体的 FILTER）。"),
    "sparql.ask": ("Answer: {answer}", "答案：{answer}"),
    "sparql.csv": ("Download CSV", "下载 CSV"),
    "sparql.json": ("Download JSON", "下载 JSON"),
    "sparql.turtle": ("Download Turtle", "下载 Turtle"),
    "sparql.jsonld": ("Download JSON-LD", "下载 JSON-LD"),
    "sparql.graph": ("As a graph", "图形显示"),
    "sparql.exact": ("The exact SPARQL sent", "实际发送的 SPARQL"),
    "sparql.python": ("Python (SPARQLWrapper, against `enforcekg serve`)", "Python（SPARQLWrapper，连接 `enforcekg serve`）"),
    "sparql.curl": ("curl (against `enforcekg serve`)", "curl（连接 `enforcekg serve`）"),
    "sparql.graph_limit": ("The graph shows the first {n} triples; the table and downloads hold all of them.",
                           "图中显示前 {n} 个三元组；表格和下载包含全部。"),
    # grounds
    "grounds.title": ("Refusal grounds across regimes", "各制度下的拒绝理由对比"),
    "grounds.caption": ("Rows: grounds, grouped so that analogues of the New York Convention's Article V sit side "
                        "by side. Columns: enforcement routes. A cell names how the route uses the ground "
                        "(refusal, dismissal, stay, non-enforceability; * = the court must apply it) and the "
                        "guide section it rests on; the quotes are below and in the table twin.",
                        "行：拒绝理由，按《纽约公约》第五条的对应项分组；列：执行途径。单元格显示该途径如何适用该理由"
                        "（拒绝、驳回、中止、不予执行；* 表示法院必须适用）及其所依据的指南章节；引文见下方及表格版本。"),
    "grounds.theme": ("group", "分组"),
    "grounds.ground": ("ground", "理由"),
    "grounds.regimes": ("Regimes to compare", "要比较的制度"),
    "grounds.quotes": ("Sources of a ground", "理由的出处"),
    "grounds.pick": ("Ground", "理由"),
    "grounds.csv": ("Download the grid (CSV)", "下载对比表（CSV）"),
    "grounds.table": ("Table twin (one row per ground and regime, with quotes)", "表格版本（每个理由与制度一行，含引文）"),
    "rel.refusal": ("refusal", "拒绝"),
    "rel.dismissal": ("dismissal", "驳回"),
    "rel.stay": ("stay", "中止"),
    "rel.non-enforceability": ("non-enforceability", "不予执行"),
    # routes (the route finder's page, graph/ui/pages/routes.py)
    "routes.title": ("Enforcement routes", "执行途径"),
    "routes.caption": ("Which routes can enforce an instrument from a place against assets in Mainland China, "
                       "with the court, the steps, the conditions and the guide's words. Change a fact and the "
                       "answer changes at once; the address bar holds the question, so the link can be shared.",
                       "哪些途径可以针对中国内地的财产执行来自某地的文书：法院、步骤、条件及指南原文。改动事实，答案随即更新；"
                       "地址栏记录了问题，可直接分享链接。"),
    "routes.instrument": ("Instrument", "文书类型"),
    "routes.instrument_pick": ("Choose a kind of instrument", "请选择文书类型"),
    "routes.origin": ("Origin (where it was made)", "来源地（文书作出地）"),
    "routes.assets": ("Place of the assets in Mainland China", "财产所在地（中国内地）"),
    "routes.place_help": ("English or Chinese name, ISO code or Wikidata ID", "英文或中文名称、ISO 代码或 Wikidata ID"),
    "routes.origin_ph": ("e.g. Taiwan, Singapore, 香港", "例如：台湾、新加坡、Hong Kong"),
    "routes.assets_ph": ("e.g. Shenzhen, 北京, Pudong", "例如：深圳、北京、Pudong"),
    "routes.as_of": ("As of (optional)", "截至日期（可选）"),
    "routes.facts": ("Facts of the case", "案件事实"),
    "routes.facts_help": ("Unknown = not stated: the route finder derives it from the reference data where it can, "
                          "otherwise the route stays conditional.",
                          "未知＝未说明：能从参考数据推导的会自动推导，否则途径保持“有条件”。"),
    "routes.yes": ("yes", "是"),
    "routes.no": ("no", "否"),
    "routes.unknown": ("unknown", "未知"),
    "routes.fact_date": ("{label} (optional)", "{label}（可选）"),
    "routes.start": ("Choose an instrument and give the origin and the place of the assets to see the routes. "
                     "Example: [a Taiwan arbitral award, assets in Shenzhen]({link}).",
                     "请选择文书类型并填写来源地与财产所在地。示例：[台湾地区仲裁裁决，财产在深圳]({link})。"),
    "routes.bad_instrument": ("No kind of instrument is called “{text}”.", "没有名为“{text}”的文书类型。"),
    "routes.bad_place": ("No place in the graph is called “{text}”.", "图谱中没有名为“{text}”的地点。"),
    "routes.bad_input": ("The question cannot be answered: {reason}", "无法回答该问题：{reason}"),
    "routes.didyoumean": ("Did you mean: {hints}?", "您是否要找：{hints}？"),
    "routes.use": ("Use “{text}”", "改用“{text}”"),
    "routes.bad_as_of": ("The date “{value}” in the link is not a date YYYY-MM-DD; it was left out.",
                         "链接中的日期“{value}”不是 YYYY-MM-DD 格式，已忽略。"),
    "routes.bad_fact_key": ("The link names a fact “{fact}” the route finder does not know; it was left out.",
                            "链接中的事实“{fact}”不存在，已忽略。"),
    "routes.bad_fact_value": ("The link gives the fact “{fact}” the value “{value}”; it takes {expected}. Left out.",
                              "链接中事实“{fact}”的值“{value}”无效，应为{expected}。已忽略。"),
    "routes.expected_boolean": ("yes, no or unknown", "是、否或未知"),
    "routes.expected_date": ("a date YYYY-MM-DD", "YYYY-MM-DD 格式的日期"),
    "routes.question": ("{instrument} from {origin}, assets in {assets}", "{instrument}，来自{origin}，财产在{assets}"),
    "routes.summary": ("{n} route(s), {m} excluded", "{n} 条途径，{m} 条排除"),
    "routes.none": ("No route applies to this question; the excluded routes below say why.",
                    "没有适用的途径；下方列出了被排除的途径及原因。"),
    "routes.changed": ("What changed", "变化"),
    "routes.unchanged": ("The answer is the same as before.", "答案与之前相同。"),
    "routes.memo_md": ("Download the memo (Markdown)", "下载备忘录（Markdown）"),
    "routes.memo_json": ("Download the answer (JSON)", "下载答案（JSON）"),
    "routes.status.available": ("available", "可用"),
    "routes.status.conditional": ("conditional", "有条件"),
    "routes.unknowns": ("To be established", "尚待确认"),
    "routes.basis": ("Legal basis", "法律依据"),
    "routes.in_force": ("in force from {start}", "自 {start} 起施行"),
    "routes.until": ("until {end}", "至 {end}"),
    "routes.courts": ("Competent court(s)", "管辖法院"),
    "routes.court": ("court", "法院"),
    "routes.code": ("code", "代字"),
    "routes.given": ("competent because", "管辖依据"),
    "routes.if": ("also competent if", "如下情形亦有管辖"),
    "routes.note": ("note", "说明"),
    "routes.pathway": ("Pathway", "路径图"),
    "routes.pathway_alt": ("The pathway as a table (each edge with its basis)", "路径图的表格版本（每条边及其依据）"),
    "routes.edge_from": ("from", "起点"),
    "routes.edge": ("edge", "关系"),
    "routes.edge_to": ("to", "终点"),
    "routes.edge_basis": ("basis", "依据"),
    "routes.graphml": ("Pathway (GraphML)", "路径图（GraphML）"),
    "routes.dot": ("Pathway (DOT)", "路径图（DOT）"),
    "routes.steps": ("Steps", "步骤"),
    "routes.documents": ("documents", "材料"),
    "routes.time_limit": ("time limit", "期限"),
    "routes.conditions": ("Conditions", "条件"),
    "routes.no_conditions": ("The graph records no conditions for this route.", "图谱未记录该途径的条件。"),
    "routes.covers": ("covered matter", "适用事项"),
    "routes.excludes": ("excluded matter", "排除事项"),
    "routes.condition": ("condition", "条件"),
    "routes.deadlines": ("Time limits and deadlines", "期限与截止日"),
    "routes.last_day": ("last day to apply: {day}", "申请最后一日：{day}"),
    "routes.passed": ("the deadline has passed", "已超过期限"),
    "routes.not_passed": ("not yet passed", "尚未届满"),
    "routes.grounds": ("Refusal grounds: a checklist", "拒绝理由清单"),
    "routes.grounds_help": ("Tick each ground once you have checked it does not apply. A warning under a ground means "
                             "the facts engage it.",
                            "逐项核对后勾选。理由下方出现提示，表示根据所述事实，该理由可能适用。"),
    "routes.engaged": ("engaged by the facts: {facts}", "所述事实涉及：{facts}"),
    "routes.mandatory": ("the court shall apply it", "法院应当适用"),
    "routes.optional": ("the court may apply it", "法院可以适用"),
    "routes.checked": ("{n} of {m} checked", "已核对 {n}/{m}"),
    "routes.costs": ("Costs", "费用"),
    "routes.borne_by": ("borne by {who}", "由{who}承担"),
    "routes.cost_optional": ("optional", "可选"),
    "routes.no_prepay": ("no prepayment", "无需预交"),
    "routes.cases": ("Cases", "案例"),
    "routes.sources": ("Sources: the guide's words ({n})", "出处：指南原文（{n}）"),
    "routes.similar": ("Similar routes", "相似途径"),
    "routes.excluded": ("Excluded routes and why", "被排除的途径及原因"),
    "routes.instead": ("See instead: {routes}", "请改看：{routes}"),
    "routes.facts_read": ("How the facts were read", "事实的认定"),
    "routes.fact": ("fact", "事实"),
    "routes.value": ("value", "取值"),
    "routes.source": ("source", "来源"),
    "routes.explanation": ("explanation", "说明"),
    # ---- issue 14 (Routes page a clinic can teach from; Overview; Compare; class mode) -----------
    "nav.compare": ("Compare", "对比"),
    "routes.ref_table": ("reference table (see the Sources page)", "参考数据表（见“出处”页）"),
    "routes.was_now": ("was {before} → now {after}", "原为{before} → 现为{after}"),
    "routes.now_open": ("newly open", "新开放"),
    "routes.now_closed": ("newly excluded", "新被排除"),
    "routes.kind_only": ("the graph names the kind of court, not the court for this place",
                         "图谱只列出法院类别，未列出该地的具体法院"),
    "routes.one_of_several": ("one of several intermediate courts here: the data cannot tell which is competent",
                              "此地有多个中级法院之一：数据无法确定哪一个有管辖权"),
    "routes.start_date": ("start date", "起算日"),
    "routes.typical": ("typical duration per the guide, counted from filing on {start}; not a deadline",
                       "指南所述通常期间，自 {start} 提交申请起算；并非法定期限"),
    "routes.timeline_hint": ("Give an as-of date (taken as the filing date) and the date the instrument became effective "
                             "to compute the dates.",
                             "填写截至日期（视为申请日）和文书生效日期，即可计算具体日期。"),
    "routes.eras": ("Which instrument governed when", "各时期适用的文书"),
    "routes.governs_from": ("for instruments given from {day}", "适用于 {day} 起作出的文书"),
    "routes.governs_before": ("for instruments given before {day}", "适用于 {day} 前作出的文书"),
    "routes.newly": ("now engaged by the facts", "现为所述事实涉及"),
    "routes.new_since": ("new since your last change", "上次改动后新出现"),
    "routes.changed_here": ("Changed in this route by the last change", "上次改动在本途径中引起的变化"),
    "routes.no_longer": ("no longer engaged by the facts", "所述事实已不再涉及"),
    "routes.conditional_note": ("A route is *conditional* while a fact it depends on is not known; it is never dropped "
                                "for an unknown fact.",
                                "途径所依赖的事实尚未知时，该途径为“有条件”；不会因事实未知而被排除。"),
    "routes.other_bases": ("Other provisions the route rests on ({n})", "该途径依据的其他规定（{n}）"),
    "routes.timeline": ("Timeline", "时间线"),
    "routes.english_original": ("The guide's own words (English original, quoted verbatim).", "指南原文（英文，逐字引用）。"),
    "routes.history": ("Changes in this session ({n})", "本次会话中的改动（{n}）"),
    "routes.replay": ("Go back to the facts after this change", "回到该次改动后的事实"),
    "routes.handout_lang": ("Handout language", "讲义语言"),
    "routes.handout_en": ("English", "英文"),
    "routes.handout_zh": ("中文", "中文"),
    "routes.handout_both": ("both, side by side", "中英对照"),
    "routes.handout": ("Handout (one page, to print)", "讲义（一页，可打印）"),
    "routes.handout_help": ("An HTML page with a print stylesheet: open it and print, or save as PDF.",
                            "带打印样式的 HTML 页面：打开后打印，或另存为 PDF。"),
    "class.toggle": ("Class mode: hide the answer", "课堂模式：隐藏答案"),
    "class.toggle_help": ("Students first choose the route, the court and the grounds; Reveal shows a score and the "
                          "guide's words. The address keeps class mode, so the exercise can be shared.",
                          "学生先选择途径、法院和理由；点击“揭晓”显示得分及指南原文。地址栏保留课堂模式，可分享练习。"),
    "class.title": ("Exercise", "练习"),
    "class.caption": ("Choose, then reveal. The answer below stays hidden until then.", "请先作答，再揭晓。揭晓前答案保持隐藏。"),
    "class.route": ("Which route enforces this instrument?", "哪条途径可执行该文书？"),
    "class.court": ("Which court do you apply to?", "应向哪个法院申请？"),
    "class.grounds": ("Which refusal grounds do the facts engage?", "所述事实涉及哪些拒绝理由？"),
    "class.grounds_help": ("Choose none if the facts engage none.", "如不涉及任何理由，请不选。"),
    "class.reveal": ("Reveal", "揭晓"),
    "class.score": ("Score: {points} of {out_of}", "得分：{points}/{out_of}"),
    "class.expected": ("the answer", "答案"),
    "class.none": ("none", "无"),
    "overview.start": ("Start here", "从这里开始"),
    "overview.intro": ("enforcekg maps the law of recognising and enforcing judgments and arbitral awards in Mainland "
                       "China: which routes exist, on which legal basis, before which court, in which steps and deadlines, "
                       "and on which grounds a court refuses. Every statement cites the Chambers *Enforcement of "
                       "Judgments* guide (China, 2025) or a public reference table.",
                       "enforcekg 梳理了在中国内地承认和执行判决及仲裁裁决的规则：有哪些途径、依据何种法律、向哪个法院申请、"
                       "经过哪些步骤与期限，以及法院会以哪些理由拒绝。每一项内容均引自 Chambers 的 *Enforcement of Judgments* 指南（中国章，2025）"
                       "或公开参考数据表。"),
    "overview.for": ("For", "适用对象"),
    "overview.clinics": ("Teaching clinics", "法律诊所教学"),
    "overview.clinics_text": ("Ask the route finder: which routes, which court, which steps and deadlines; flip a fact and "
                              "see what changes; print a one-page handout; compare questions; run it as a class exercise.",
                              "使用执行途径查询：有哪些途径、哪个法院、哪些步骤和期限；改动事实即可看到变化；打印一页讲义；对比多个问题；"
                              "以课堂练习的方式使用。"),
    "overview.researchers": ("Researchers", "研究人员"),
    "overview.researchers_text": ("Browse the graph: search in English or Chinese, follow links, find the path between two "
                                  "resources, compare refusal grounds across regimes, read the guide's sections.",
                                  "浏览图谱：以中英文检索、沿关联浏览、查找两个资源之间的路径、比较各制度下的拒绝理由、阅读指南各节。"),
    "overview.analysts": ("Analysts", "数据分析人员"),
    "overview.analysts_text": ("Query it in SPARQL 1.1: a catalogue of parameterised queries, an editor with the project's "
                               "prefixes, downloads, and a read-only endpoint.",
                               "使用 SPARQL 1.1 查询：参数化查询目录、带预设前缀的编辑器、结果下载以及只读查询端点。"),
    "overview.try": ("Try this question", "试试这个问题"),
    "overview.try_routes": ("A Taiwan arbitral award, assets in Shenzhen", "台湾地区仲裁裁决，财产在深圳"),
    "overview.try_compare": ("Compare a Taiwan, a Hong Kong and a French award against Shenzhen",
                             "对比台湾地区、香港和法国的仲裁裁决（财产在深圳）"),
    "overview.try_class": ("The same question as a class exercise", "同一问题的课堂练习"),
    "overview.try_explore": ("Search the graph for the Shenzhen court", "在图谱中查找深圳法院"),
    "overview.try_sparql": ("Open the query catalogue", "打开查询目录"),
    "overview.holds": ("What is in the graph", "图谱中有什么"),
    "overview.holds_text": ("{routes} enforcement routes, with their steps, conditions and deadlines; {grounds} refusal and "
                            "other grounds; {courts} courts; {places} places; {bases} legal bases and treaties; {cases} "
                            "cases. {zh} of the resources have a Chinese name and {src} a cited source.",
                            "{routes} 条执行途径（含步骤、条件和期限）；{grounds} 项拒绝及其他理由；{courts} 个法院；{places} 个地点；"
                            "{bases} 项法律依据与条约；{cases} 个案例。{zh} 的资源有中文名称，{src} 有引用出处。"),
    "overview.glossary": ("Words used in the answers", "答案中使用的术语"),
    "overview.term": ("term", "术语"),
    "overview.meaning": ("meaning (from the ontology's definitions)", "含义（取自本体定义）"),
    "overview.counts": ("Counts per kind (for analysts)", "各类别数量（供分析人员参考）"),
    "compare.title": ("Compare questions side by side", "并排对比问题"),
    "compare.caption": ("Two to four questions, aligned row by row; the rows that differ are highlighted. The address "
                        "holds the questions, so the comparison can be shared.",
                        "二至四个问题逐行对齐，不同之处高亮显示。地址栏记录了问题，可直接分享。"),
    "compare.instrument": ("Instrument (all columns)", "文书类型（各列相同）"),
    "compare.assets": ("Place of the assets (all columns)", "财产所在地（各列相同）"),
    "compare.origins": ("Origins to compare (2 to 4)", "要对比的来源地（2 至 4 个）"),
    "compare.origins_help": ("One place per line: English or Chinese name, ISO code or Wikidata ID.",
                             "每行一个地点：英文或中文名称、ISO 代码或 Wikidata ID。"),
    "compare.need": ("Give two to four origins to compare.", "请填写 2 至 4 个来源地。"),
    "compare.too_many": ("Only the first four origins are compared.", "只对比前四个来源地。"),
    "compare.differs": ("Only the rows that differ", "只显示不同的行"),
    "compare.example": ("Example: [a Taiwan, a Hong Kong and a French award against Shenzhen]({link}).",
                        "示例：[台湾地区、香港和法国的仲裁裁决，财产在深圳]({link})。"),
    "compare.open": ("Open in Routes", "在“执行途径”中打开"),
    "compare.failed": ("Column {n} ({text}) could not be answered: {reason}", "第 {n} 列（{text}）无法回答：{reason}"),
    # ---- end of issue 14 block ------------------------------------------------------------------
    # sources
    "sources.title": ("The guide's sections and what cites them", "指南各节及其引用"),
    "sources.caption": ("Chambers Global Practice Guides, Enforcement of Judgments 2025, China chapter. Each "
                        "section lists the resources of the graph that cite it, with the quoted passage.",
                        "Chambers《全球执业指南：判决执行 2025》中国章。每节列出引用该节的图谱资源及所引原文。"),
    "sources.filter": ("Filter resources by name", "按名称筛选资源"),
    "sources.count": ("{n} resources cite this section", "{n} 个资源引用本节"),
    "sources.csv": ("Download every citation of the guide (CSV)", "下载指南的全部引用（CSV）"),
    "sources.section": ("section", "章节"),
    "sources.quote": ("quote", "引文"),
    # ---- explore, map, timeline, result views, grounds and sources (issue 15; block kept together) ----
    "nav.map": ("Map", "地图"),
    "nav.timeline": ("Timeline", "时间线"),
    "explore.class": ("a class of the vocabulary", "词表中的类"),
    "explore.to_sources": ("This resource's quotes on the Sources page", "在“出处”页查看本资源的引文"),
    "explore.bad_focus": ("The link names a resource the graph does not hold; search for it below.",
                          "链接中的资源不在图谱中，请在下方搜索。"),
    "view.layout": ("Layout", "布局"),
    "view.layout_concentric": ("concentric", "同心圆"),
    "view.layout_breadthfirst": ("breadth-first", "广度优先"),
    "view.layout_force": ("force", "力导向"),
    "view.types": ("Leave out these types", "不显示这些类型"),
    "view.hide": ("Hidden nodes", "隐藏的节点"),
    "view.legend": ("Legend:", "图例："),
    "view.untyped": ("no type", "无类型"),
    "view.act_expand": ("Expand", "展开"),
    "view.act_pin": ("Pin", "固定"),
    "view.act_unpin": ("Unpin", "取消固定"),
    "view.act_hide": ("Hide", "隐藏"),
    "view.act_open": ("Focus here", "以此为中心"),
    "view.selected": ("Selected: **{name}**", "已选：**{name}**"),
    "view.edge": ("**{source}** → *{relation}* → **{target}**  \nLegal basis: {basis}  \nGuide section: {section}  \n"
                  "Quote: “{quote}”  \nSource: {src}",
                  "**{source}** → *{relation}* → **{target}**  \n法律依据：{basis}  \n指南章节：{section}  \n"
                  "原文：“{quote}”  \n出处：{src}"),
    "view.left_out": ("Links left out to keep the view readable ({n}) — choose some to add",
                      "为保持可读而未显示的关联（{n}）——可选择加入"),
    "view.add_pick": ("Links to add", "要加入的关联"),
    "view.add": ("Add to the view", "加入视图"),
    "view.cyjson": ("Cytoscape JSON", "Cytoscape JSON"),
    "view.csv": ("CSV (nodes and links)", "CSV（节点与关联）"),
    "view.bad_param": ("Part of the link could not be read and was left out: {param}", "链接中有部分无法读取，已忽略：{param}"),
    "view.link": ("The address bar now holds this view: copy it to share or come back to it.",
                  "地址栏已保存此视图：复制即可分享或稍后返回。"),
    "map.title": ("Map: how judgments and awards from each place are enforced", "地图：各地判决与裁决的执行途径"),
    "map.caption": ("Colour = the route the graph records for each state or area; grey = nothing recorded, which does "
                    "NOT mean there is no route (reciprocity may still be shown). Click a state to open its answer "
                    "on the Routes page. Boundaries: Natural Earth 1:110m via world-atlas (shipped, no network); "
                    "Hong Kong and Macao are points.",
                    "颜色＝图谱为各国家或地区记录的途径；灰色＝未记录，并不表示没有途径（仍可能证明互惠）。点击国家即可在"
                    "“执行途径”页打开其答案。边界：Natural Earth 1:110m（world-atlas，随附，无需联网）；香港、澳门以点表示。"),
    "map.which": ("Instrument", "文书"),
    "map.judgments": ("Judgments", "判决"),
    "map.awards": ("Arbitral awards", "仲裁裁决"),
    "map.route": ("route", "途径"),
    "map.place": ("state or area", "国家或地区"),
    "map.evidence": ("recorded in", "记录于"),
    "map.assets": ("Place of the assets (optional, passed to Routes)", "财产所在地（可选，传给“执行途径”）"),
    "map.assets_hint": ("e.g. Shenzhen, 北京", "例如：深圳、北京"),
    "map.open": ("Open the routes for {name}", "打开 {name} 的执行途径"),
    "map.china": ("Mainland China's province-level divisions and their courts (schematic tiles)",
                  "中国内地省级行政区及其法院（示意图）"),
    "map.courts": ("courts", "法院"),
    "map.pick_division": ("Courts of a division", "某一行政区的法院"),
    "map.table": ("Table twin of the map", "地图的表格版本"),
    "map.csv": ("Download the map's data (CSV)", "下载地图数据（CSV）"),
    "timeline.title": ("Timeline: instruments in force", "时间线：有效的法律文件"),
    "timeline.caption": ("Conventions (dates for China), treaties, arrangements, the Taiwan provisions, laws and "
                         "interpretations, from the dates the graph records. Pick (or click) a date to see what "
                         "governed then; instruments without recorded dates are listed apart, never drawn.",
                         "公约（对中国生效日）、条约、安排、涉台规定、法律与司法解释，依图谱记录的日期绘制。选择（或点击）日期即可"
                         "查看当时有效的文件；未记录日期的文件单独列出，不作图。"),
    "timeline.date": ("Date", "日期"),
    "timeline.governed": ("In force on {date}", "{date} 有效"),
    "timeline.undated": ("Dates not recorded ({n})", "未记录日期（{n}）"),
    "timeline.instrument": ("instrument", "文件"),
    "timeline.kind": ("kind", "类别"),
    "timeline.from": ("from", "自"),
    "timeline.until": ("until", "至"),
    "timeline.status": ("status", "状态"),
    "rv.view": ("View", "视图"),
    "rv.table": ("Table", "表格"),
    "rv.map": ("Map", "地图"),
    "rv.timeline": ("Timeline", "时间线"),
    "rv.bar": ("Bar chart", "条形图"),
    "rv.graph": ("Graph", "关系图"),
    "rv.hint": ("Views for this result: {views}. Add a comment such as `#defaultView:Map` to the query to choose "
                "the first one.", "此结果可用的视图：{views}。在查询中加入 `#defaultView:Map` 之类的注释可指定默认视图。"),
    "grounds.reference": ("Reference", "参考资料"),
    "grounds.no_source": ("no source recorded", "未记录出处"),
    "grounds.flat": ("One row per ground and regime, with every source", "每个理由与制度一行，含全部出处"),
    "sources.none": ("Nothing matches “{text}”.", "没有与“{text}”匹配的内容。"),
    "sources.entity": ("What the graph quotes for {name}", "图谱为 {name} 引用的原文"),
    "sources.open": ("Open in Explore", "在“探索”中打开"),
    # ---- end of the issue-15 block ----
}


def language_switch() -> None:
    """The sidebar's language switch, first set from the link (``lang=zh``), and the address kept
    in step with it (page changes drop query parameters; this puts ``lang`` back)."""
    if "lang" not in st.session_state:  # the session's first run: the link's language
        st.session_state["lang"] = "中文" if st.query_params.get(LANG_PARAM) == "zh" else "English"
    st.sidebar.radio(t("language"), list(LANGUAGES), key="lang", horizontal=True)
    if lang() == "zh" and st.query_params.get(LANG_PARAM) != "zh":
        st.query_params[LANG_PARAM] = "zh"
    elif lang() == "en" and LANG_PARAM in st.query_params:
        del st.query_params[LANG_PARAM]


def url_params() -> dict[str, str]:
    """The language's own query parameter, for a page that rewrites the address (``{"lang": "zh"}`` or ``{}``)."""
    return {LANG_PARAM: "zh"} if lang() == "zh" else {}


def lang() -> str:
    """``"en"`` or ``"zh"``: the language chosen in the sidebar (English until one is chosen)."""
    return LANGUAGES.get(st.session_state.get("lang", "English"), "en")


def t(key: str, **values) -> str:
    """The interface text ``key`` in the chosen language, with ``values`` filled in."""
    en, zh = STRINGS[key]
    text = zh if lang() == "zh" else en
    return text.format(**values) if values else text
