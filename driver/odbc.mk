# driver: odbc area (files added by that area)
