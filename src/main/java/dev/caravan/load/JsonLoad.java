package dev.caravan.load;

import dev.caravan.formats.JsonArrayRecords;
import dev.caravan.formats.JsonLineRecords;
import dev.caravan.formats.RecordFormat;
import dev.caravan.formats.RecordSource;
import java.io.InputStream;
import org.apache.camel.Exchange;

/**
 * The head of the JSON load tail (kamelets/record-load-sink.kamelet.yaml, format json): a JSON array or JSON lines,
 * as named by the exchange property CaravanRecordFormat, streamed as records in batches.
 */
public class JsonLoad {
    public static final String FORMAT = "CaravanRecordFormat";

    private final RecordLoad tail;
    private final long maxRecordBytes;

    public JsonLoad(RecordLoad tail, long maxRecordBytes) {
        this.tail = tail;
        this.maxRecordBytes = maxRecordBytes;
    }

    public RowBatches parse(InputStream source, Exchange exchange) {
        LoadContext load = exchange.getProperty(LoadContext.PROPERTY, LoadContext.class);
        tail.releaseWhenDone(exchange, load);
        RecordFormat format = exchange.getProperty(FORMAT, RecordFormat.JSON, RecordFormat.class);
        return tail.batches(load, load.typed(format.reader(source, maxRecordBytes)));
    }
}
