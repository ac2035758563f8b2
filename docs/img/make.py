"""Make the README's tour pictures from the browser tests' screenshots: run
``pytest tests/test_app_browser_explore.py`` (it saves them under tests/artifacts/), then
``python docs/img/make.py``. Each picture is cropped to the figure, scaled to 900 px wide at
most and saved as a 256-colour PNG (small files for the repository)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent
ARTIFACTS = HERE.parent.parent / "tests" / "artifacts"
# README name -> (screenshot, crop box in screenshot pixels or None; left of the sidebar cut off)
PICTURES = {
    "explore.png": ("explore-graph.png", (370, 130, 1330, 820)),
    "explore-link.png": ("explore-restored.png", (370, 110, 1330, 820)),
    "map.png": ("map.png", (360, 0, 1330, 880)),
    "map-china.png": ("map-china-tiles.png", (360, 700, 1330, 1100)),
    "workbench-map.png": ("workbench-map.png", (370, 320, 1330, 870)),
    "workbench-timeline.png": ("workbench-timeline.png", (370, 60, 1330, 1190)),
}


def main() -> None:
    for name, (shot, box) in PICTURES.items():
        image = Image.open(ARTIFACTS / shot).convert("RGB")
        if box:
            image = image.crop(tuple(min(v, lim) for v, lim in zip(box, image.size * 2)))
        if image.width > 900:
            image = image.resize((900, round(image.height * 900 / image.width)), Image.LANCZOS)
        image.quantize(colors=256, method=Image.Quantize.FASTOCTREE).save(HERE / name, optimize=True)
        print(f"{name}: {image.width}x{image.height}, {(HERE / name).stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
