package dev.caravan.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.auth.AttributePermissions;
import dev.caravan.core.HarperJson;
import dev.caravan.auth.TablePermission;
import dev.caravan.formats.DeclaredTypes;
import dev.caravan.formats.RecordSource;
import dev.caravan.formats.DeclaredRecords;
import dev.caravan.jobs.Job;
import dev.caravan.jobs.JobRun;
import dev.caravan.jobs.JobSources;
import dev.caravan.jobs.RowOutcomes;
import dev.caravan.store.TableMeta;
import dev.caravan.store.WriteAction;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * One running load job, carried through its route as the exchange property CaravanLoad: the target,
 * the write action, the source, and the counts committed so far (which start from the job row, so a
 * resumed job continues where its last batch committed).
 */
public final class LoadContext extends JobRun {
    public static final String PROPERTY = "CaravanLoad";

    private final TableMeta table;
    private final WriteAction action;
    private CountingInputStream input;
    private RecordSource records;
    private RowBatches batches;
    private Path spoolFile;
    private AttributePermissions permissions = AttributePermissions.unrestricted();
    private TablePermission[] rights = {};
    private JobSources.Recorded recordedSource;
    private SourceIdentity sourceIdentity;
    private String sourceName = "the source";
    private ErrorPolicy policy = ErrorPolicy.HARPER;
    private LoadOptions options = LoadOptions.NONE;
    private DryRun dryRun;
    private RejectsFile rejects;
    private DeclaredTypes declaredTypes;

    LoadContext(Job job, TableMeta table, WriteAction action) {
        super(job);
        this.table = table;
        this.action = action;
    }

    public TableMeta table() {
        return table;
    }

    public WriteAction action() {
        return action;
    }

    /** The source rows a resumed job skips: those its earlier run committed. */
    public long resumeAfterRows() {
        return resumedFrom().rowsRead();
    }

    /** The job's counts once this batch commits. */
    public Job.Progress progressAfter(RowBatch batch, RowAccounting.Plan plan, RowAccounting.Accounted accounted) {
        Job.Progress now = committed();
        return new Job.Progress(plan.rowsReadAtEnd(), now.rowsWritten() + accounted.outcomes().written()
                - now.outcomesOrNone().written(), now.rowsSkipped() + accounted.skipped(),
                now.rowsFailed() + accounted.failed(), batch.bytesReadAtEnd(), null, accounted.outcomes());
    }

    /** What the load does with a failed row. */
    public ErrorPolicy policy() {
        return policy;
    }

    void policy(ErrorPolicy policy) {
        this.policy = policy;
    }

    /** dry_run and rejects_path. */
    public LoadOptions options() {
        return options;
    }

    void options(LoadOptions options) {
        this.options = options;
        this.dryRun = options.dryRun() ? new DryRun() : null;
    }

    /**
     * The rejects file, opened at the first batch and cut back to what the job committed (null without
     * rejects_path).
     */
    RejectsFile rejects() {
        if (rejects == null && options.rejectsPath() != null) {
            RowOutcomes at = committed().outcomesOrNone();
            rejects = RejectsFile.open(options.rejectsPath(), records == null ? null : records.headerText(),
                    at.rejectsBytes(), at.rejectsIndexBytes());
        }
        return rejects;
    }

    /** A record as a row of the source's own format (JSON when the source has none). */
    public String rowText(ObjectNode record) {
        return records == null ? HarperJson.write(record) : records.recordText(record);
    }

    /** The rejects file if it was opened. */
    RejectsFile openedRejects() {
        return rejects;
    }

    /** What a dry run has seen so far, or null for a load that writes. */
    public DryRun dryRun() {
        return dryRun;
    }

    public RowBatches batches() {
        return batches;
    }

    void batches(RowBatches batches) {
        this.batches = batches;
    }

    public CountingInputStream input() {
        return input;
    }

    void input(CountingInputStream input) {
        this.input = input;
    }

    public RecordSource records() {
        return records;
    }

    void records(RecordSource records) {
        this.records = records;
    }

    /**
     * 403 unless the user may write every given attribute with the job's action (docs/harper-observed.md §8);
     * the job then ends ERROR with Harper's permission object as its message.
     */
    public void requireWritable(Collection<String> attributes) {
        permissions.require(attributes, rights);
    }

    /** The same for every key of a batch's records. */
    public void requireWritable(List<ObjectNode> records) {
        permissions.requireWrite(records, rights);
    }

    /** The user's rights and those the load needs (LoadRequestChecks.rights). */
    void permissions(AttributePermissions permissions, TablePermission... rights) {
        this.permissions = permissions;
        this.rights = rights;
    }

    /** What the job recorded of its source when it first opened it (null before that). */
    public JobSources.Recorded recordedSource() {
        return recordedSource;
    }

    void recordedSource(JobSources.Recorded recorded) {
        this.recordedSource = recorded;
    }

    /** What the source was when this run opened it (null before that). */
    public SourceIdentity sourceIdentity() {
        return sourceIdentity;
    }

    void sourceIdentity(SourceIdentity identity) {
        this.sourceIdentity = identity;
    }

    /** The casting of the table's declared types and the load's types field; null when neither types anything. */
    public DeclaredTypes declaredTypes() {
        return declaredTypes;
    }

    void declaredTypes(DeclaredTypes types) {
        this.declaredTypes = types;
    }

    /**
     * The source as this load reads it: cast by the declared types when there are any, its records given
     * string keys where the key is typed String, and for an insert checked for attributes declared
     * nullable: false.
     */
    RecordSource typed(RecordSource source) {
        if (declaredTypes == null) {
            return source;
        }
        source.castWith(declaredTypes);
        boolean insert = action == WriteAction.INSERT;
        boolean fillsKeys = action != WriteAction.UPDATE && declaredTypes.generatesStringKeys();
        return fillsKeys || (insert && declaredTypes.requiresAttributes())
                ? new DeclaredRecords(source, declaredTypes, insert) : source;
    }

    /** How messages name the source, e.g. "The file '/srv/dogs.csv'". */
    public String sourceName() {
        return sourceName;
    }

    void sourceName(String name) {
        this.sourceName = name;
    }

    public Path spoolFile() {
        return spoolFile;
    }

    void spoolFile(Path spoolFile) {
        this.spoolFile = spoolFile;
    }
}
