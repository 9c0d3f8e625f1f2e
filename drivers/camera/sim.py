"""`sim://`: the simulated camera, a generated scene played as a video file.

Options: `scene` (document, qr or empty), `kind` (a4, booklet, receipt, id_card), `desk`
(wood, cloth, clutter, near_white, mat, stone), `seed`, `width`, `height`, `fps` (15),
`text` (the QR code's text), `loop` (1). The clip is rendered once per process (a few seconds,
on the capture thread) into a temporary directory removed at exit, then played by the same
code as `file://` videos, through OpenCV's video decoder: the driver code that runs in the
hall runs here.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import threading
from pathlib import Path

import numpy as np

from drivers.camera.base import Camera, int_param
from drivers.camera.errors import CameraSourceError
from drivers.camera.files import FileCamera
from drivers.camera.synth.backgrounds import BACKGROUNDS
from drivers.camera.synth.scene import SCENES, SceneSpec, render_scene
from drivers.camera.synth.textures import PAPER_SIZES_MM
from drivers.url import DeviceURL

_lock = threading.Lock()
_cache_dir: Path | None = None


def _clip_dir() -> Path:
    global _cache_dir
    if _cache_dir is None:
        _cache_dir = Path(tempfile.mkdtemp(prefix="zwkiosk-sim-camera-"))
        atexit.register(shutil.rmtree, _cache_dir, True)
    return _cache_dir


def scene_spec(url: DeviceURL) -> SceneSpec:
    """The scene a sim:// URL asks for; `CameraSourceError` naming a bad option."""
    def choice(name: str, allowed: tuple[str, ...] | list[str], default: str) -> str:
        value = url.param(name, default) or default
        if value not in allowed:
            raise CameraSourceError(f"sim camera option {name}={value!r}; allowed: "
                                    f"{', '.join(allowed)}",
                                    message_zh=f"模拟摄像头参数 {name}={value} 无效，"
                                               f"可用：{'、'.join(allowed)}")
        return value

    return SceneSpec(scene=choice("scene", SCENES, "document"),
                     kind=choice("kind", list(PAPER_SIZES_MM), "a4"),
                     backdrop=choice("desk", BACKGROUNDS, "wood"),
                     seed=int_param(url, "seed", 1), width=int_param(url, "width", 1280),
                     height=int_param(url, "height", 720), fps=int_param(url, "fps", 15),
                     text=url.param("text", "YY202406180042") or "YY202406180042")


def scene_clip(spec: SceneSpec) -> Path:
    """The rendered clip for `spec`, rendering it on first use in this process."""
    with _lock:
        path = _clip_dir() / f"{spec.key()}.avi"
        if not path.exists():
            partial = path.with_name(path.stem + ".part.avi")
            render_scene(spec, partial)
            partial.with_suffix(".json").replace(path.with_suffix(".json"))
            partial.replace(path)
        return path


class SimCamera(Camera):
    def __init__(self, url: DeviceURL) -> None:
        super().__init__(url)
        self.spec = scene_spec(url)
        self._player: FileCamera | None = None

    def open(self) -> None:
        clip = scene_clip(self.spec)
        player = FileCamera(self.url, path=str(clip))
        player.open()
        self._player = player

    def read(self) -> np.ndarray:
        if self._player is None:
            self.open()
        assert self._player is not None
        return self._player.read()

    def close(self) -> None:
        if self._player is not None:
            self._player.close()
            self._player = None
