"""The Qt-free core: plan model, phase definitions, storage and flow."""
