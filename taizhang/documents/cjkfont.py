"""The Chinese font every PDF of Taizhang embeds.

A PDF carries its own font, so a document reads the same on any computer; but the server making
it may have no Chinese font at all. The font is chosen once per process, in this order:

1. ``settings.TAIZHANG_PDF_FONT``: a font file (``path`` or ``path#face`` for a face of a .ttc
   collection), used as given. A file that cannot be used is an error, not a silent fallback.
2. The system's: fontconfig's best match for simplified Chinese (``fc-match``), skipping fonts
   without Chinese, fonts whose licence forbids embedding and outlines the PDF writer cannot
   embed.
3. The font shipped in ``fonts/`` (Noto Sans SC Regular, OFL; see its README).

The PDF writer, fpdf2, embeds TrueType outlines (``glyf``) and CID-keyed CFF (as in the Noto
Sans CJK collections Linux distributions install); a plain CFF or a variable CFF2 font would be
written as a font file the PDF does not declare, so such fonts are passed over.
"""

import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from fontTools.ttLib import TTFont, TTLibError

BUNDLED = Path(__file__).parent / "fonts" / "NotoSansSC_400Regular.ttf"
SYSTEM, CONFIGURED, SHIPPED = "system", "settings", "shipped"
# fontconfig's language tag for simplified Chinese; its coverage test is thousands of hanzi.
LANGUAGE = "zh-cn"
FC_TIMEOUT_SECONDS = 20  # the first call on a new machine may build fontconfig's cache
EMBEDDING_RESTRICTED = 0x0002  # OS/2 fsType: the licence forbids embedding


@dataclass(frozen=True)
class CjkFont:
    path: Path
    face: int  # the face's index inside a .ttc/.otc collection, 0 otherwise
    name: str  # the font's full name, e.g. "Noto Sans SC Regular"
    origin: str  # SYSTEM, CONFIGURED or SHIPPED


class FontError(Exception):
    pass


def cjk_font(family: str = "sans-serif") -> CjkFont:
    """The Chinese font for PDFs; ``family`` is a fontconfig family asked of the system (e.g.
    "serif", "FangSong"). The answer is kept for the life of the process."""
    return _choose(family, getattr(settings, "TAIZHANG_PDF_FONT", "") or "")


@cache
def _choose(family, configured):
    if configured:
        path, _, face = configured.partition("#")
        try:
            return inspect(Path(path), int(face or 0), CONFIGURED)
        except (FontError, ValueError) as error:
            raise ImproperlyConfigured(f"TAIZHANG_PDF_FONT={configured}: {error}") from error
    for path, face in system_candidates(family):
        try:
            return inspect(path, face, SYSTEM)
        except FontError:
            continue
    return inspect(BUNDLED, 0, SHIPPED)


def clear_cache():
    _choose.cache_clear()


def system_candidates(family):
    """(path, face) of the system's fonts for simplified Chinese, best match first, as
    fontconfig ranks them for ``family``. Nothing when fontconfig is not installed."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return []
    try:
        # A fixed argument list, no shell: the pattern is ours, not a user's.
        listing = subprocess.run(  # noqa: S603
            [fc_match, "--sort", f"{family}:lang={LANGUAGE}",
             "--format", "%{file}\t%{index}\t%{lang}\n"],
            capture_output=True, text=True, timeout=FC_TIMEOUT_SECONDS, check=False,
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return []
    candidates = []
    for line in listing.splitlines():
        path, _, rest = line.partition("\t")
        face, _, languages = rest.partition("\t")
        if LANGUAGE in languages.split("|") and face.isdigit():
            candidates.append((Path(path), int(face)))
    return candidates


def inspect(path: Path, face: int, origin: str) -> CjkFont:
    """The font at ``path`` if a PDF may embed it and it has Chinese; ``FontError`` otherwise."""
    try:
        font = TTFont(path, fontNumber=face, lazy=True)
    except (OSError, TTLibError, AssertionError) as error:
        raise FontError(f"无法读取字体文件（{error}）") from error
    with font:
        if "glyf" not in font and not _cid_keyed_cff(font):
            raise FontError("字体轮廓格式无法嵌入 PDF（需 TrueType 轮廓或 CID 字体 CFF）")
        if "OS/2" in font and font["OS/2"].fsType & 0x000F == EMBEDDING_RESTRICTED:
            raise FontError("字体授权不允许嵌入文档")
        cmap = font.getBestCmap() or {}
        if not all(ord(char) in cmap for char in "中华人民共和国办事指南"):
            raise FontError("字体不含中文")
        name = font["name"].getDebugName(4) or path.stem
    return CjkFont(path=path, face=face, name=name, origin=origin)


def _cid_keyed_cff(font):
    if "CFF " not in font:
        return False
    top = font["CFF "].cff.topDictIndex[0]
    return getattr(top, "ROS", None) is not None
