# clients tests
