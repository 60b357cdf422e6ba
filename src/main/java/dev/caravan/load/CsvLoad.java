package dev.caravan.load;

import dev.caravan.formats.CsvDialect;
import dev.caravan.formats.CsvRows;
import dev.caravan.formats.RecordSource;
import dev.caravan.store.MissingKeyException;
import dev.caravan.store.WriteAction;
import java.io.InputStream;
import org.apache.camel.Exchange;

/** The head of the CSV load tail (kamelets/record-load-sink.kamelet.yaml, format csv): Harper's CSV rows, in batches. */
public class CsvLoad {
    private final RecordLoad tail;
    private final long maxRecordBytes;

    public CsvLoad(RecordLoad tail, long maxRecordBytes) {
        this.tail = tail;
        this.maxRecordBytes = maxRecordBytes;
    }

    /**
     * Turns the source stream into batches of rows; the header is checked here, before anything is
     * written. A resumed job passes over the rows it already committed.
     */
    public RowBatches parse(InputStream source, Exchange exchange) {
        LoadContext load = exchange.getProperty(LoadContext.PROPERTY, LoadContext.class);
        tail.releaseWhenDone(exchange, load);
        CsvRows rows = CsvRows.open(source, maxRecordBytes, CsvDialect.of(load.request())); // checked at submit
        RecordSource records = load.typed(rows);
        load.records(records);
        if (rows.header() != null) {
            load.requireWritable(rows.header().names()); // the whole header, before anything is written (as Harper)
        }
        if (rows.header() != null && load.action() == WriteAction.UPDATE
                && !rows.header().contains(load.table().primaryKey())) {
            throw new MissingKeyException();
        }
        if (load.resumeAfterRows() > 0) {
            rows.skip(load.resumeAfterRows());
        }
        return tail.batches(load, records);
    }
}
