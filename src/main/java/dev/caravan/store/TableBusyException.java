package dev.caravan.store;

/**
 * A write that could not get its turn at a table: the table's write lock was not free within the
 * configured wait, or Derby kept picking it as a lock-conflict victim after every retry. Nothing
 * was written; the client may send the same request again.
 */
public class TableBusyException extends StoreException {
    public TableBusyException(String qualifiedTable, Throwable cause) {
        super("Table '" + qualifiedTable + "' is busy with other writes; try again", cause);
    }

    /** Nothing was written: the same request may be sent again. */
    @Override
    public int status() {
        return 503;
    }
}
