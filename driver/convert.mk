# driver: convert area (files added by that area)
