# The setup library odbcinst and GUI tools load: ODBCINSTGetProperties, ConfigDSN, ConfigDriver.
