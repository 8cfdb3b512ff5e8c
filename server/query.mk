# server: query area (SQL engine, queries, pages, validations, lambdas)
