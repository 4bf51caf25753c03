"""The SCORM 1.2 package: the offline build's layout (links end in .html) plus a launch page, zipped with an
imsmanifest.xml that any LMS reads.

The LMS launches scorm.html. That page holds the SCORM session for the whole visit (LMSInitialize once, LMSFinish
when the learner leaves) and shows the course in a frame, so moving between lessons never ends the session. Its
script (generator/assets/scorm/scorm.js) is the adapter: it loads only in the package, never on the course site,
so what every page of the site loads does not grow. It reads the exercises from the learner pages' manifest
(generator/manifest.py) and hears each save through the engine's `mi:save` event (generator/assets/js/core.js).
"""
from __future__ import annotations

import hashlib
import html
import io
import json
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..assets import ASSETS_DIR, _hashed, minify_js
from ..config import CourseConfig
from ..diagnostics import Diagnostic

LAUNCH = "scorm.html"
START = "index.html"
_ZIP_DATE = (2020, 1, 1, 0, 0, 0)  # fixed, so the same build gives the same bytes


@dataclass(frozen=True)
class ScormSettings:
    completion: float = 1.0  # share of the course's exercises answered for lesson_status "completed"


def settings(config: CourseConfig, completion: float | None) -> tuple[ScormSettings, list[Diagnostic]]:
    """`extra.course.scorm.completion` (0 < share <= 1), or the command line's --completion, which wins."""
    extra = config.raw.get("extra") if isinstance(config.raw.get("extra"), dict) else {}
    course = extra.get("course") if isinstance(extra.get("course"), dict) else {}
    spec = course.get("scorm", {})
    hint = "e.g. extra: {course: {scorm: {completion: 0.8}}}: completed once 80% of the exercises are answered"
    if not isinstance(spec, dict) or any(k != "completion" for k in spec):
        return ScormSettings(), [Diagnostic(config.file, 0, 0, "extra.course.scorm takes one setting: completion", hint)]
    value = completion if completion is not None else spec.get("completion", 1.0)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
        where = "--completion" if completion is not None else "extra.course.scorm.completion"
        return ScormSettings(), [Diagnostic(config.file, 0, 0, f"{where} should be a share above 0 and at most 1, "
                                            f"not {value!r}", hint)]
    return ScormSettings(float(value)), []


def package_config(config: CourseConfig, strings: dict) -> dict:
    """What the package's generated config changes: every page's footer says what the LMS receives."""
    note = strings["scorm"]["footer"]
    own = config.raw.get("copyright")
    return {"copyright": f"{html.escape(note)} · {own}" if own else html.escape(note)}


def package_files(config: CourseConfig, files: dict[str, str], chosen: ScormSettings, strings: dict) -> dict[str, str]:
    """The launch page and its adapter script, to add to the generated docs folder (MkDocs copies both as they are)."""
    manifest = next(name for name in files if name.startswith("assets/mi-manifest."))
    s = strings["scorm"]
    head = "window.MI_SCORM=" + json.dumps({"completion": chosen.completion, "start": START,
                                            "s": {"no_lms": s["no_lms"]}}, ensure_ascii=False) + ";\n"
    script = _hashed("mi-scorm", ".js", head + minify_js((ASSETS_DIR / "scorm" / "scorm.js").read_text(encoding="utf-8")))
    lang = html.escape(config.language)
    title = html.escape(config.site_name)
    page = f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
html, body {{ margin: 0; height: 100%; }}
body {{ display: flex; flex-direction: column; font: 0.9rem/1.4 system-ui, sans-serif; }}
.mi-scorm__note {{ margin: 0; padding: 0.4em 0.8em; background: #e0f2f1; color: #00332e; }}
.mi-scorm__frame {{ flex: 1; width: 100%; border: 0; }}
</style>
</head>
<body>
<p class="mi-scorm__note" id="mi-scorm-note" role="note">{html.escape(s["notice"])}</p>
<iframe class="mi-scorm__frame" id="mi-scorm-frame" title="{title}"></iframe>
<noscript><p><a href="{START}">{html.escape(s["open"])}</a></p></noscript>
<script src="{manifest}"></script>
<script src="{script.name}"></script>
</body>
</html>
"""
    return {LAUNCH: page, script.name: script.content}


def manifest_xml(title: str, ident: str, files: list[str]) -> bytes:
    """SCORM 1.2's imsmanifest.xml: one organization, one item, one SCO (the launch page) that lists every file."""
    ns = {"xmlns": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
          "xmlns:adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
          "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
          "xsi:schemaLocation": "http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd "
                                "http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd"}
    root = ET.Element("manifest", {"identifier": ident, "version": "1.2", **ns})
    md = ET.SubElement(root, "metadata")
    ET.SubElement(md, "schema").text = "ADL SCORM"
    ET.SubElement(md, "schemaversion").text = "1.2"
    orgs = ET.SubElement(root, "organizations", {"default": f"{ident}-org"})
    org = ET.SubElement(orgs, "organization", {"identifier": f"{ident}-org"})
    ET.SubElement(org, "title").text = title
    item = ET.SubElement(org, "item", {"identifier": f"{ident}-item", "identifierref": f"{ident}-sco", "isvisible": "true"})
    ET.SubElement(item, "title").text = title
    resources = ET.SubElement(root, "resources")
    res = ET.SubElement(resources, "resource", {"identifier": f"{ident}-sco", "type": "webcontent",
                                                "adlcp:scormtype": "sco", "href": LAUNCH})
    for name in files:
        ET.SubElement(res, "file", {"href": name})
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def package(site_dir: Path, title: str) -> bytes:
    """The built site and its imsmanifest.xml in one zip, imsmanifest.xml at the root as SCORM asks."""
    files = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file())
    ident = "mi-" + hashlib.sha256(title.encode()).hexdigest()[:12]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("imsmanifest.xml", _ZIP_DATE), manifest_xml(title, ident, files),
                   zipfile.ZIP_DEFLATED)
        for name in files:
            z.writestr(zipfile.ZipInfo(name, _ZIP_DATE), (site_dir / name).read_bytes(), zipfile.ZIP_DEFLATED)
    return buf.getvalue()
