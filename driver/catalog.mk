# driver: catalog area (files added by that area)
