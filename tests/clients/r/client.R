# SPDX-License-Identifier: Apache-2.0
# The client scenario through R and RODBC. Usage: Rscript --vanilla client.R dsn|connstr
# Run by tests/clients/test-r.sh (TZ=UTC, a UTF-8 locale) after it loaded commons.clients_many
# (tests/clients/r/many.sh). Exits non-zero on any mismatch. Expected values:
# tests/clients/data/README.md. RODBC cannot bind parameters (sqlQuery takes SQL text), so the
# lambda is called with a literal, as isql does.
suppressPackageStartupMessages(library(RODBC))

args <- commandArgs(trailingOnly = TRUE)
mode <- if (length(args) >= 1) args[[1]] else "dsn"
failures <- 0L
key <- Sys.getenv("RS_APIKEY")

# Never print the API key, whatever a failing check got.
shown <- function(x) {
  s <- paste(format(x), collapse = " ")
  if (nzchar(key)) s <- gsub(key, "<API key>", s, fixed = TRUE)
  s
}

check <- function(what, ok, got = NULL) {
  ok <- isTRUE(tryCatch(as.logical(ok), error = function(e) FALSE))
  if (ok) {
    cat("ok  ", what, "\n")
  } else {
    failures <<- failures + 1L
    cat("FAIL", what, "(got", shown(got), ")\n")
  }
  invisible(ok)
}

# Connect by DSN or by connection string; `extra` adds keywords (e.g. PageSize=1000).
connect <- function(extra = "") {
  target <- if (mode == "dsn") paste0("DSN=", Sys.getenv("RS_DSN")) else Sys.getenv("RS_CONNSTR")
  if (nzchar(extra)) target <- paste0(target, ";", extra)
  suppressWarnings(odbcDriverConnect(target))
}

ch <- connect()
if (!inherits(ch, "RODBC")) {
  cat("FAIL connect by", mode, "\n")
  quit(status = 1)
}
cat("ok   connect by", mode, "\n")
check("the DBMS is Rockset", odbcGetInfo(ch)[["DBMS_Name"]] == "Rockset", odbcGetInfo(ch))

# Catalog: workspaces (SQLTables with SQL_ALL_SCHEMAS), collections, one collection's columns.
schemas <- sqlTables(ch, catalog = "", schema = "%", tableName = "")
schemas <- if (is.data.frame(schemas)) as.character(schemas$TABLE_SCHEM) else character(0)
for (ws in c("commons", "sales")) check(paste("sqlTables lists workspace", ws), ws %in% schemas, schemas)
tabs <- sqlTables(ch, tableType = "TABLE")
names_found <- if (is.data.frame(tabs)) paste(tabs$TABLE_SCHEM, tabs$TABLE_NAME, sep = ".") else character(0)
for (t in c("commons.sample", "commons.clients_types", "sales.orders")) {
  check(paste("sqlTables lists", t), t %in% names_found, names_found)
}
cols <- sqlColumns(ch, "commons.clients_types")
col_names <- if (is.data.frame(cols)) as.character(cols$COLUMN_NAME) else character(0)
for (c in c("i", "f", "b", "s", "d", "t", "ts", "o", "a")) {
  check(paste("sqlColumns lists", c), c %in% col_names, col_names)
}
check("sqlColumns: i is BIGINT (-5)", is.data.frame(cols) && cols$DATA_TYPE[col_names == "i"] == -5,
      if (is.data.frame(cols)) cols$DATA_TYPE[col_names == "i"])

# Every type read back, converted by RODBC's defaults (as.is = FALSE).
r <- sqlQuery(ch, "SELECT i, f, b, s, n, d, t, ts, o, a FROM commons.clients_types WHERE _id = 't1'")
if (!check("the types query gives one row", is.data.frame(r) && nrow(r) == 1, r)) {
  r <- data.frame(i = NA, f = NA, b = NA, s = NA, n = 0, d = NA, t = NA, ts = NA, o = NA, a = NA)
}
check("i: integer 42", is.numeric(r$i) && r$i == 42, c(class(r$i), r$i))
check("f: numeric 2.5", is.double(r$f) && r$f == 2.5, c(class(r$f), r$f))
check("b: true (1)", (is.logical(r$b) || is.numeric(r$b)) && r$b == 1, c(class(r$b), r$b))
check("s: the UTF-8 string", is.character(r$s) && identical(enc2utf8(r$s), "h\u00e9llo w\u00f6rld \u2713 \u65e5\u672c"),
      c(class(r$s), r$s))
check("n: NA", is.na(r$n), r$n)
check("d: Date 2024-02-29", inherits(r$d, "Date") && r$d == as.Date("2024-02-29"), c(class(r$d), format(r$d)))
check("t: 13:45:30", as.character(r$t) == "13:45:30", c(class(r$t), r$t))
check("ts: POSIXct 2024-02-29 13:45:30 UTC",
      inherits(r$ts, "POSIXct") && r$ts == as.POSIXct("2024-02-29 13:45:30", tz = "UTC"),
      c(class(r$ts), format(r$ts, tz = "UTC")))
# JSON text: the values hold no blanks, so the text without blanks is the compact JSON.
check("o: the object as JSON", gsub("[[:space:]]", "", r$o) == '{"k":"v","l":[1,2]}', r$o)
check("a: the array as JSON", gsub("[[:space:]]", "", r$a) == '[1,"two",3.5]', r$a)

# A query lambda (a literal argument: RODBC does not bind parameters).
r <- sqlQuery(ch, "{CALL commons.lam(42)}", as.is = TRUE)
check("lambda result", is.data.frame(r) && nrow(r) == 1 && r[[1]][1] == "h\u00e9llo w\u00f6rld \u2713 \u65e5\u672c", r)

# Errors: odbcQuery answers -1 and odbcGetErrMsg starts with the SQLSTATE.
rc <- odbcQuery(ch, "SELECT * FROM commons.no_such_collection")
msg <- odbcGetErrMsg(ch)
check("missing collection fails", rc == -1, rc)
check("missing collection is 42S02", length(msg) > 0 && startsWith(msg[1], "42S02"), msg)
cat("     message:", msg[1], "\n")
rc <- odbcQuery(ch, "SELEC 1 FROM")
msg <- odbcGetErrMsg(ch)
check("bad SQL fails", rc == -1, rc)
check("bad SQL is 42000", length(msg) > 0 && startsWith(msg[1], "42000"), msg)

# An empty result still has every field of the collection as a column.
r <- sqlQuery(ch, "SELECT * FROM commons.clients_types WHERE 1=0")
want <- c("_id", "_event_time", "i", "f", "b", "s", "n", "d", "t", "ts", "o", "a")
check("WHERE 1=0 gives a data frame with 0 rows", is.data.frame(r) && nrow(r) == 0, r)
check("WHERE 1=0 has every field as a column", is.data.frame(r) && setequal(names(r), want),
      if (is.data.frame(r)) names(r) else r)
odbcClose(ch)

# A result of several pages (PageSize=1000: 25 pages) read by RODBC's defaults
# (believeNRows = TRUE, max = 0): every row comes back.
ch <- connect("PageSize=1000")
check("connect with PageSize=1000", inherits(ch, "RODBC"), ch)
r <- sqlQuery(ch, "SELECT k FROM commons.clients_many")
check("25,000 rows over 25 pages", is.data.frame(r) && nrow(r) == 25000, if (is.data.frame(r)) nrow(r) else r)
check("every row once (k = 1..25000)", is.data.frame(r) && setequal(r$k, 1:25000) && !anyDuplicated(r$k),
      if (is.data.frame(r)) summary(r$k))
# SELECT *: x is a field of the last document only (the 25th page), m holds ints and one string.
r <- sqlQuery(ch, "SELECT * FROM commons.clients_many ORDER BY k")
ok <- is.data.frame(r) && nrow(r) == 25000
check("SELECT * reads 25,000 rows", ok, if (is.data.frame(r)) nrow(r) else r)
if (ok) {
  check("SELECT * has the column x of the last document only", "x" %in% names(r), names(r))
  check("x of the last row is 'only here'", identical(as.character(r$x[25000]), "only here"), r$x[25000])
  check("x of every other row is NA", sum(!is.na(r$x)) == 1, sum(!is.na(r$x)))
  check("m of the last row is 'last'", identical(as.character(r$m[25000]), "last"), r$m[25000])
  check("m of the first row is 1", identical(as.character(r$m[1]), "1"), r$m[1])
}
odbcClose(ch)

# Connected with the key (PWD= or ApiKey=), print(channel) and the stored connection string do
# not show it: the driver's completed connection string leaves the key out (docs/security.md).
cs <- paste0("Driver={Rockset};Server=", Sys.getenv("RS_SERVER"), ";PWD=", key, ";Workspace=commons")
ch <- suppressWarnings(odbcDriverConnect(cs))
if (check("connect with PWD=", inherits(ch, "RODBC"), ch)) {
  r <- sqlQuery(ch, "SELECT COUNT(*) AS n FROM commons.clients_types")
  check("a query works when connected with PWD=", is.data.frame(r) && r$n == 2, r)
  printed <- paste(capture.output(print(ch)), collapse = "\n")
  check("print(channel) does not show the API key", !grepl(key, printed, fixed = TRUE), printed)
  check("print(channel) shows no PWD at all", !grepl("PWD=", printed, fixed = TRUE), printed)
  stored <- attr(ch, "connection.string")
  check("attr(ch, 'connection.string') does not show the API key", !grepl(key, stored, fixed = TRUE), stored)
  check("the call of the channel does not show the API key",
        !grepl(key, paste(deparse(attr(ch, "call")), collapse = ""), fixed = TRUE), attr(ch, "call"))
  odbcClose(ch)
}

cat(sprintf("R (%s): %s\n", mode, if (failures) paste(failures, "failed") else "all passed"))
quit(status = if (failures) 1 else 0)
