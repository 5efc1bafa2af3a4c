"""The Qt layer: windows and widgets on top of the Qt-free core."""
