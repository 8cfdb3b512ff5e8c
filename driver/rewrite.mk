# driver: rewrite area (files added by that area)
