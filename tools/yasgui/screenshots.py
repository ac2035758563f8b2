"""Copy the browser tests' screenshots into docs/img as small PNGs (README's YASGUI section).

Run after `pytest tests/test_yasgui_browser.py tests/test_yasgui_app.py` (they write
tests/artifacts/*.png): scales each by 3/4 and keeps a 96-colour palette.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
SHOTS = {"yasgui-endpoint.png": 0.75, "app-sparql-editor.png": 0.75, "app-sparql-autocomplete.png": 1.0}


def main() -> None:
    for name, scale in SHOTS.items():
        image = Image.open(ROOT / "tests" / "artifacts" / name).convert("RGB")
        image = image.resize((int(image.width * scale), int(image.height * scale)), Image.LANCZOS)
        target = ROOT / "docs" / "img" / name
        image.quantize(colors=96, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(target, optimize=True)
        print(f"{target.relative_to(ROOT)}: {image.width}x{image.height}, {target.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
