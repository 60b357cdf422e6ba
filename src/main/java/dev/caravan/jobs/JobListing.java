package dev.caravan.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.caravan.core.HarperException;
import dev.caravan.core.HarperJson;
import dev.caravan.operations.OperationRegistry;
import dev.caravan.operations.OperationRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * list_jobs, Caravan's page through the job table (compatibility C26): filters by status, type, user,
 * database, table and start time, Harper's sort shape, limit and offset or the opaque next_cursor of the
 * page before, which pages by the sort's last value and id (keyset), so jobs that arrive meanwhile
 * neither repeat nor hide a job. A user sees their own jobs, a super user all (as get_job, compatibility
 * C4). It only reads.
 */
public class JobListing {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    /**
     * The job table's indexes for filtered pages, newest first: name and columns (JobStore creates them).
     * Each ends in the sort's tie-breaker, ID, so a page is read in index order and no sort runs.
     */
    static final String[][] INDEXES = {
        {"JOBS_BY_USER_START", "USERNAME, START_DATETIME DESC, ID DESC"},
        {"JOBS_BY_STATUS_START", "STATUS, START_DATETIME DESC, ID DESC"},
        {"JOBS_BY_TYPE_START", "TYPE, START_DATETIME DESC, ID DESC"},
        {"JOBS_BY_TABLE_START", "DATABASE_NAME, TABLE_NAME, START_DATETIME DESC, ID DESC"},
        {"JOBS_BY_START_DESC", "START_DATETIME DESC, ID DESC"},
    };
    private static final Set<String> STATUSES = Set.of("IN_PROGRESS", "COMPLETE", "ERROR");
    private static final String CURSOR_VERSION = "c1";

    private final JobStore jobs;
    private final JobVisibility visibility;

    public JobListing(JobStore jobs, boolean jobsVisibleToAll) {
        this.jobs = jobs;
        this.visibility = new JobVisibility(jobsVisibleToAll);
    }

    public void register(OperationRegistry registry) {
        registry.register("list_jobs", this::listJobs);
    }

    /** The sortable attributes and their columns; END_DATETIME is null while a job runs. */
    enum SortBy {
        START_DATETIME, CREATED_DATETIME, END_DATETIME;

        String attribute() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean nullable() {
            return this == END_DATETIME;
        }
    }

    /** Everything a page is asked by, checked. */
    record Query(Set<String> statuses, Set<String> types, String user, String database, String table, Long from,
                 Long to, SortBy sort, boolean descending, int limit, long offset, String cursor) {
        /** What a cursor must have been made for: the sort and every filter. */
        String fingerprint() {
            return digest(String.join("\u0000", String.valueOf(statuses), String.valueOf(types), String.valueOf(user),
                    String.valueOf(database), String.valueOf(table), String.valueOf(from), String.valueOf(to),
                    sort.attribute(), String.valueOf(descending)), 6);
        }
    }

    /** Where the page before ended: its last job's sort value (null: an end time of a running job) and id. */
    record Position(Long value, String id) {
    }

    private JsonNode listJobs(OperationRequest request) {
        Query query = read(request);
        boolean seesAll = visibility.seesAll(request.access().isSuperUser());
        String own = request.user().username();
        ObjectNode out = HarperJson.object();
        ArrayNode page = out.putArray("jobs");
        if (!seesAll && query.user() != null && !query.user().equals(own)) {
            return out; // someone else's jobs: none of them is this user's to see
        }
        Position after = query.cursor() == null ? null : position(query);
        List<Object> params = new ArrayList<>();
        String where = where(query, seesAll ? query.user() : own, after, params);
        String direction = query.descending() ? " DESC" : " ASC";
        String column = query.sort().name();
        List<Job> found = jobs.page(where, params, column + direction + ", ID" + direction, query.offset(),
                query.limit() + 1);
        for (Job job : found.subList(0, Math.min(found.size(), query.limit()))) {
            page.add(JobView.forListing(job, jobs.rate(job)));
        }
        if (found.size() > query.limit()) {
            out.put("next_cursor", cursor(query, found.get(query.limit() - 1)));
        }
        return out;
    }

    /** The WHERE clause of the filters, the user (null: anyone's) and the keyset position; params in order. */
    static String where(Query query, String user, Position after, List<Object> params) {
        List<String> conditions = new ArrayList<>();
        in(conditions, params, "STATUS", query.statuses());
        in(conditions, params, "TYPE", query.types());
        equal(conditions, params, "USERNAME", user);
        equal(conditions, params, "DATABASE_NAME", query.database());
        equal(conditions, params, "TABLE_NAME", query.table());
        if (query.from() != null) {
            conditions.add("START_DATETIME >= ?");
            params.add(query.from());
        }
        if (query.to() != null) {
            conditions.add("START_DATETIME < ?");
            params.add(query.to());
        }
        if (after != null) {
            conditions.add(after(query.sort(), query.descending(), after, params));
        }
        return String.join(" AND ", conditions);
    }

    /**
     * The jobs after a position in the sort's order. Both engines sort NULL above every value (NULLS FIRST
     * descending, NULLS LAST ascending, their default), so running jobs lead an end-time sort that
     * descends and trail one that ascends. The leading "column <= value" bounds the index scan.
     */
    private static String after(SortBy sort, boolean descending, Position after, List<Object> params) {
        String column = sort.name();
        String before = descending ? "<" : ">";
        if (after.value() == null) {
            params.add(after.id());
            return descending ? "((" + column + " IS NULL AND ID < ?) OR " + column + " IS NOT NULL)"
                    : "(" + column + " IS NULL AND ID > ?)";
        }
        params.add(after.value());
        params.add(after.value());
        params.add(after.id());
        String keyset = column + " " + before + "= ? AND (" + column + " " + before + " ? OR ID " + before + " ?)";
        return sort.nullable() && !descending ? "((" + keyset + ") OR " + column + " IS NULL)" : "(" + keyset + ")";
    }

    private static void in(List<String> conditions, List<Object> params, String column, Set<String> values) {
        if (values != null) {
            conditions.add(column + " IN (" + String.join(", ", values.stream().map(v -> "?").toList()) + ")");
            params.addAll(values);
        }
    }

    private static void equal(List<String> conditions, List<Object> params, String column, String value) {
        if (value != null) {
            conditions.add(column + " = ?");
            params.add(value);
        }
    }

    // --- the request's fields, each checked: a bad one is a 400 that names it ---

    static Query read(OperationRequest request) {
        ZoneId zone = ZoneId.systemDefault();
        Set<String> statuses = names(request, "status", "'status' must be IN_PROGRESS, COMPLETE or ERROR, or an array of them");
        if (statuses != null && !STATUSES.containsAll(statuses)) {
            throw HarperException.badRequest("'status' must be IN_PROGRESS, COMPLETE or ERROR, or an array of them;"
                    + " got " + statuses);
        }
        Set<String> types = names(request, "type", "'type' must be a job type, such as csv_file_load, or an array of them");
        Long from = date(request, "from", zone);
        Long to = date(request, "to", zone);
        SortBy sort = SortBy.START_DATETIME;
        boolean descending = true;
        JsonNode sortField = request.field("sort");
        if (sortField != null) {
            if (!sortField.isObject()) {
                throw HarperException.badRequest("'sort' must be an object such as"
                        + " {\"attribute\": \"start_datetime\", \"descending\": true}");
            }
            sort = sortAttribute(sortField.get("attribute"));
            JsonNode descendingField = sortField.get("descending");
            if (descendingField != null && !descendingField.isNull() && !descendingField.isBoolean()) {
                throw HarperException.badRequest("'sort.descending' must be true or false");
            }
            descending = descendingField != null && descendingField.asBoolean(); // Harper's default: ascending
        }
        int limit = (int) JobOperations.whole(request, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        long offset = JobOperations.whole(request, "offset", 0, Long.MAX_VALUE, 0);
        JsonNode cursor = request.field("cursor");
        if (cursor != null && !(cursor.isTextual() && !cursor.textValue().isEmpty())) {
            throw HarperException.badRequest("'cursor' must be the next_cursor of an earlier list_jobs page (a string)");
        }
        return new Query(statuses, types, name(request, "user"), name(request, "database"), name(request, "table"),
                from, to, sort, descending, limit, offset, cursor == null ? null : cursor.textValue());
    }

    private static SortBy sortAttribute(JsonNode attribute) {
        String message = "'sort.attribute' must be start_datetime, created_datetime or end_datetime";
        if (attribute == null || !attribute.isTextual()) {
            throw HarperException.badRequest(message);
        }
        for (SortBy sort : SortBy.values()) {
            if (sort.attribute().equals(attribute.textValue())) {
                return sort;
            }
        }
        throw HarperException.badRequest(message + "; got '" + attribute.textValue() + "'");
    }

    /** A non-empty string or an array of them (at least one), or null when absent. */
    private static Set<String> names(OperationRequest request, String field, String message) {
        JsonNode value = request.field(field);
        if (value == null) {
            return null;
        }
        Set<String> names = new TreeSet<>();
        if (value.isTextual() && !value.textValue().isEmpty()) {
            names.add(value.textValue());
        } else if (value.isArray() && !value.isEmpty()) {
            for (JsonNode item : value) {
                if (!item.isTextual() || item.textValue().isEmpty()) {
                    throw HarperException.badRequest(message);
                }
                names.add(item.textValue());
            }
        } else {
            throw HarperException.badRequest(message);
        }
        return names;
    }

    private static String name(OperationRequest request, String field) {
        JsonNode value = request.field(field);
        if (value != null && !(value.isTextual() && !value.textValue().isEmpty())) {
            throw HarperException.badRequest("'" + field + "' must be a non-empty string");
        }
        if (value != null) {
            // no job row holds such a name (JobTarget), and PostgreSQL cannot compare with U+0000
            JobTarget.problem(field, value.textValue()).ifPresent(problem -> {
                throw HarperException.badRequest("'" + field + "' names nothing a job can name: " + problem);
            });
        }
        return value == null ? null : value.textValue();
    }

    private static Long date(OperationRequest request, String field, ZoneId zone) {
        JsonNode value = request.field(field);
        if (value == null) {
            return null;
        }
        Long millis = value.isTextual() ? HarperDates.parse(value.textValue(), zone) : null;
        if (millis == null) {
            throw HarperException.badRequest("'" + field + "' must be an ISO-8601 date or date-time, such as 2026-11-25"
                    + " or 2026-11-25T10:00:00Z");
        }
        return millis;
    }

    // --- the cursor: opaque to clients, checked so that a made-up or foreign one is a 400, never a wrong page ---

    /** version.fingerprint.value.id, then a check digest over it; all base64url. */
    static String cursor(Query query, Job last) {
        Long value = switch (query.sort()) {
            case START_DATETIME -> last.startDatetime();
            case CREATED_DATETIME -> last.createdDatetime();
            case END_DATETIME -> last.endDatetime();
        };
        String body = String.join(".", CURSOR_VERSION, query.fingerprint(), value == null ? "-" : value.toString(), last.id());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(body.getBytes(StandardCharsets.UTF_8))
                + "." + digest(body, 9);
    }

    static Position position(Query query) {
        String[] token = query.cursor().split("\\.", -1);
        String body = null;
        if (token.length == 2) {
            try {
                body = new String(Base64.getUrlDecoder().decode(token[0]), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                body = null;
            }
        }
        String[] parts = body == null ? new String[0] : body.split("\\.", -1);
        if (parts.length != 4 || !CURSOR_VERSION.equals(parts[0]) || !digest(body, 9).equals(token[1])) {
            throw HarperException.badRequest("'cursor' is not a next_cursor that list_jobs gave");
        }
        if (!parts[1].equals(query.fingerprint())) {
            throw HarperException.badRequest("'cursor' was made for another sort or other filters;"
                    + " ask for the first page again without it");
        }
        try {
            return new Position("-".equals(parts[2]) ? null : Long.valueOf(parts[2]), parts[3]);
        } catch (NumberFormatException e) {
            throw HarperException.badRequest("'cursor' is not a next_cursor that list_jobs gave");
        }
    }

    /** The first bytes of the text's SHA-256, base64url. */
    private static String digest(String text, int bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
