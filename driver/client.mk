# driver: client area (files added by that area)
