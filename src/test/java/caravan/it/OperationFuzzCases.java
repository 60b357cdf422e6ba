package caravan.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The fuzzer's cases: for every operation a base request, and for each of its fields (nested ones
 * as dotted paths, e.g. {@code conditions.0.search_value}) every hostile value, one field at a time;
 * then a fixed number of requests with several fields hostile at once, drawn from a seeded Random.
 * Operations that change data name the scratch database, or things that do not exist, so that the
 * seed database, users and roles stay as they were whatever the server does with a case.
 */
public final class OperationFuzzCases {
    static final String SEED_DB = "fuzz";
    static final String SEED_TABLE = "seed";
    static final String SCRATCH_DB = "fuzz_scratch";
    static final String SCRATCH_TABLE = "scratch";
    static final String SCRATCH_USER = "fuzz_scratch_user";
    static final String SCRATCH_ROLE = "fuzz_scratch_role";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SLOT = "\u0000fuzz-slot\u0000";

    /** One request: which operation and field it attacks, with which value, and the body sent. */
    record Case(String operation, String field, String value, String body) {
        @Override
        public String toString() {
            return operation + " " + field + "=" + value;
        }
    }

    /** A hostile JSON value: a label for reports and its JSON text, sent as is (1e309 and NUL escapes included). */
    record Hostile(String label, String json) {
    }

    static final List<Hostile> HOSTILE = List.of(
            new Hostile("absent", null),
            new Hostile("null", "null"),
            new Hostile("true", "true"),
            new Hostile("false", "false"),
            new Hostile("0", "0"),
            new Hostile("-1", "-1"),
            new Hostile("0.5", "0.5"),
            new Hostile("long-max+1", "9223372036854775808"),
            new Hostile("long-min-1", "-9223372036854775809"),
            new Hostile("1e30", "1e30"),
            new Hostile("1e309", "1e309"),
            new Hostile("-1e309", "-1e309"),
            new Hostile("empty-string", "\"\""),
            new Hostile("blank", "\"   \""),
            new Hostile("string-100k", "\"" + "x".repeat(100_000) + "\""),
            new Hostile("control-chars", "\"a\\u0001\\u001fb\\r\\n\""),
            new Hostile("nul", "\"a\\u0000b\""),
            new Hostile("bidi-override", "\"abc\\u202Edef\""),
            new Hostile("lone-surrogate", "\"\\ud800\""),
            new Hostile("slash-backtick", "\"a/`b\""),
            new Hostile("path-traversal", "\"../../../etc/passwd\""),
            new Hostile("star", "\"*\""),
            new Hostile("sql-quote", "\"'; DROP TABLE x; --\""),
            new Hostile("empty-array", "[]"),
            new Hostile("array", "[1,\"a\",null,{}]"),
            new Hostile("empty-object", "{}"),
            new Hostile("object", "{\"a\":{\"b\":[1]}}"),
            new Hostile("deep-array-200", "[".repeat(200) + "]".repeat(200)),
            new Hostile("deep-object-2000", "{\"a\":".repeat(2000) + "1" + "}".repeat(2000)));

    /**
     * The hostile strings that are legal Harper names (printable ASCII without '/' and '`', 1-250
     * characters): a create given one of them may create a database of that name, which is no change
     * to the seed. The fuzzer's snapshot leaves such databases out, with the scratch ones.
     */
    static List<String> legalNames() {
        List<String> names = new ArrayList<>();
        for (Hostile value : HOSTILE) {
            try {
                JsonNode node = value.json() == null ? null : JSON.readTree(value.json());
                if (node != null && node.isTextual() && node.textValue().matches("[ -.0-_a-~]{1,250}")
                        && !node.textValue().endsWith(" ")) {
                    names.add(node.textValue());
                }
            } catch (Exception e) {
                // deep nesting beyond the parser's limit: not a name
            }
        }
        return names;
    }

    /** Hostile names used as object keys: record attributes, and the databases and tables of a role's permission. */
    static final List<String> HOSTILE_KEYS = List.of("", "null", "a".repeat(251), "a".repeat(1100), "a".repeat(100_000),
            "a\u0000b", "a\u0007b", "a\u202Eb", "\ud800", "a/b", "a`b", "caf\u00e9");

    /** Where a base has objects whose keys are names, by operation: the dotted path of such an object. */
    static final Map<String, List<String>> KEYED_OBJECTS = Map.of(
            "insert", List.of("records.0"), "update", List.of("records.0"), "upsert", List.of("records.0"),
            "add_role", List.of("permission", "permission.fuzz_scratch.tables"),
            "alter_role", List.of("permission", "permission.fuzz_scratch.tables"));

    /** Odd SQL for the sql operation's own field: writes only ever target the scratch table. */
    static final List<String> ODD_SQL = List.of(
            "INSERT INTO fuzz_scratch.scratch (id, name) SELECT id, name FROM fuzz.seed",
            "INSERT INTO fuzz_scratch.scratch SELECT * FROM fuzz.seed",
            "SELECT * FROM fuzz.seed LIMIT 9223372036854775808",
            "SELECT * FROM fuzz.seed LIMIT 99999999999999999999999",
            "SELECT * FROM fuzz.seed LIMIT -1",
            "SELECT * FROM fuzz.seed OFFSET 99999999999999999999",
            "SELECT * FROM fuzz.seed WHERE id = 1e309",
            "SELECT * FROM fuzz.seed WHERE id = 99999999999999999999999999999999999999999",
            "SELECT 1",
            "SELECT * FROM fuzz.seed WHERE name = '\u0000'",
            "SELECT * FROM fuzz.seed WHERE name = '\u202E'",
            "SELECT `a\u0000` FROM fuzz.seed",
            "SELECT * FROM fuzz.`" + "t".repeat(2000) + "`",
            "SELECT " + "x".repeat(2000) + " FROM fuzz.seed",
            "SELECT * FROM fuzz.seed WHERE " + "(".repeat(300) + "id = 1" + ")".repeat(300),
            "UPDATE fuzz_scratch.scratch SET name = 'x' WHERE id = 1e309",
            "DELETE FROM fuzz_scratch.scratch WHERE id = '\u0000'",
            "INSERT INTO fuzz_scratch.scratch (id) VALUES (9223372036854775808)",
            "INSERT INTO fuzz_scratch.scratch (`" + "a".repeat(2000) + "`) VALUES (1)",
            "SELECT * FROM fuzz.seed; SELECT 1",
            "CREATE TABLE fuzz.x (id INT)",
            "SELECT",
            ";");

    /** Bodies that are no proper request at all: the envelope's own checks (contract §1.1). */
    static final List<String> ODD_BODIES = List.of("", " ", "null", "[]", "\"describe_all\"", "{}", "{\"operation\":123}",
            "{\"operation\":[\"describe_all\"]}", "{\"operation\":{}}", "{\"operation\":\"\"}",
            "{\"operation\":\"describe_all\\u0000\"}", "{\"operation\":\"sql\",\"sql\":\"SELECT 1\",\"sql\":null}",
            "{\"operation\":\"describe_all\"", "{\"operation\":\"describe_all\"}{}", "{\"operation\":\"describe_all\"}]",
            "[".repeat(5000) + "]".repeat(5000), "{\"operation\":\"" + "x".repeat(100_000) + "\"}",
            "{\"operation\":\"describe_all\",\"a\":1e999999999}", "{\"operation\":\"describe_all\",\"a\":"
                    + "9".repeat(5000) + "}");

    private OperationFuzzCases() {
    }

    /** Every operation's base request, built for a server prepared as OperationFuzzIT prepares it. */
    public static Map<String, ObjectNode> bases(String importFile, String exportDir) {
        Map<String, ObjectNode> bases = new LinkedHashMap<>();
        String seed = "'database':'fuzz','table':'seed'";
        String scratch = "'database':'fuzz_scratch','table':'scratch'";
        String searchSeed = "{'operation':'search_by_value'," + seed + ",'search_attribute':'id','search_value':'*'}";
        String s3 = "{'aws_access_key_id':'AKIAFUZZ','aws_secret_access_key':'fuzz-secret','bucket':'fuzz',"
                + "'key':'fuzz/data.csv','region':'us-east-1','endpoint':'http://127.0.0.1:9'}";
        String permission = "{'super_user':false,'fuzz_scratch':{'tables':{'scratch':{'read':true,'insert':false,"
                + "'update':false,'delete':false,'attribute_permissions':[]}}}}";
        put(bases, "describe_all", "{}");
        put(bases, "describe_database", "{'database':'fuzz'}");
        put(bases, "describe_schema", "{'schema':'fuzz'}");
        put(bases, "describe_table", "{" + seed + "}");
        put(bases, "create_database", "{'database':'fuzz_scratch'}");
        put(bases, "create_schema", "{'schema':'fuzz_scratch'}");
        put(bases, "drop_database", "{'database':'fuzz_scratch_none'}");
        put(bases, "drop_schema", "{'schema':'fuzz_scratch_none'}");
        put(bases, "create_table", "{" + scratch + ",'primary_key':'id',"
                + "'attributes':[{'name':'id','type':'Int'},{'name':'age','type':'Int','nullable':true}]}");
        put(bases, "drop_table", "{'database':'fuzz_scratch','table':'none'}");
        put(bases, "create_attribute", "{" + scratch + ",'attribute':'extra'}");
        put(bases, "drop_attribute", "{" + scratch + ",'attribute':'none'}");
        put(bases, "insert", "{" + scratch + ",'records':[{'id':1,'name':'a'}]}");
        put(bases, "update", "{" + scratch + ",'records':[{'id':1,'name':'b'}]}");
        put(bases, "upsert", "{" + scratch + ",'records':[{'id':2,'name':'c'}]}");
        put(bases, "delete", "{" + scratch + ",'hash_values':[2]}");
        put(bases, "search_by_hash", "{" + seed + ",'hash_values':[1,2],'get_attributes':['*']}");
        put(bases, "search_by_id", "{" + seed + ",'ids':[1],'get_attributes':['id','name']}");
        put(bases, "search_by_value", "{" + seed + ",'search_attribute':'name','search_value':'dog*',"
                + "'get_attributes':['*'],'limit':2,'offset':1,'desc':false}");
        put(bases, "search_by_conditions", "{" + seed + ",'operator':'and','get_attributes':['*'],'limit':2,'offset':0,"
                + "'sort':{'attribute':'id','descending':true},'conditions':[{'search_attribute':'id',"
                + "'search_type':'between','search_value':[1,3]},{'operator':'or','conditions':["
                + "{'search_attribute':'name','search_type':'starts_with','search_value':'dog'},"
                + "{'search_attribute':'age','search_type':'greater_than','search_value':1}]}]}");
        put(bases, "sql", "{'sql':'SELECT id, name FROM fuzz.seed WHERE id > 1 ORDER BY id LIMIT 2'}");
        put(bases, "add_role", "{'role':'fuzz_scratch_role','permission':" + permission + "}");
        put(bases, "alter_role", "{'id':'fuzz_scratch_role','role':'fuzz_scratch_role','permission':" + permission + "}");
        put(bases, "drop_role", "{'id':'fuzz_scratch_none'}");
        put(bases, "list_roles", "{}");
        put(bases, "add_user", "{'username':'fuzz_scratch_user','password':'pw','role':'fuzz_scratch_role','active':true}");
        put(bases, "alter_user", "{'username':'fuzz_scratch_user','password':'pw2','role':'fuzz_scratch_role','active':true}");
        put(bases, "drop_user", "{'username':'fuzz_scratch_none'}");
        put(bases, "list_users", "{}");
        put(bases, "user_info", "{}");
        put(bases, "csv_data_load", "{" + scratch + ",'action':'insert','data':'id,name\\n5,e\\n',"
                + "'on_error':'continue','max_bad_records':10,'max_bad_ratio':0.5}");
        put(bases, "csv_file_load", "{" + scratch + ",'action':'upsert','file_path':'" + importFile + "',"
                + "'dry_run':true,'rejects_path':'" + exportDir + "/fuzz-rejects.csv','delimiter':',','quote':'\\\"',"
                + "'skip_rows':0,'null_values':['NULL'],'trim':false,'skip_loaded':true,'force':false}");
        put(bases, "csv_url_load", "{" + scratch + ",'action':'insert','csv_url':'http://127.0.0.1:9/data.csv',"
                + "'passthrough_headers':{'X-Fuzz':'v'},'idempotency_key':'fuzz-url','on_error':'abort'}");
        put(bases, "import_from_s3", "{" + scratch + ",'action':'insert','s3':" + s3 + ",'types':{'age':'int'}}");
        put(bases, "export_local", "{'format':'csv','path':'" + exportDir + "','filename':'fuzz','search_operation':"
                + searchSeed + "}");
        put(bases, "export_to_s3", "{'format':'json','s3':" + s3.replace("fuzz/data.csv", "fuzz/out")
                + ",'search_operation':{'operation':'sql','sql':'SELECT * FROM fuzz.seed'}}");
        put(bases, "delete_records_before", "{" + scratch + ",'date':'2000-01-01'}");
        put(bases, "delete_files_before", "{" + scratch + ",'date':'2000-01-01T00:00:00Z'}");
        put(bases, "get_job", "{'id':'00000000-0000-0000-0000-000000000000','wait_ms':0}");
        put(bases, "cancel_job", "{'id':'00000000-0000-0000-0000-000000000000'}");
        put(bases, "get_job_errors", "{'id':'00000000-0000-0000-0000-000000000000','offset':0,'limit':10,"
                + "'reason':'key_exists'}");
        put(bases, "retry_job", "{'id':'00000000-0000-0000-0000-000000000000','s3':{'aws_access_key_id':'k',"
                + "'aws_secret_access_key':'s'}}");
        put(bases, "delete_job", "{'id':'00000000-0000-0000-0000-000000000000'}");
        put(bases, "list_jobs", "{'status':['COMPLETE','ERROR'],'type':'csv_file_load','user':'HDB_ADMIN',"
                + "'database':'fuzz','table':'seed','from':'2020-01-01','to':'2030-01-01T00:00:00Z',"
                + "'sort':{'attribute':'start_datetime','descending':true},'limit':10,'offset':0}");
        put(bases, "search_jobs_by_start_date", "{'from_date':'2020-01-01','to_date':'2030-01-01T00:00:00Z'}");
        return bases;
    }

    private static void put(Map<String, ObjectNode> bases, String operation, String fields) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(fields.replace('\'', '"'));
            ObjectNode withOperation = JSON.createObjectNode().put("operation", operation);
            withOperation.setAll(body);
            bases.put(operation, withOperation);
        } catch (Exception e) {
            throw new IllegalArgumentException(operation + ": " + fields, e);
        }
    }

    /** Every case: each field of each base × each hostile value, then {@code combined} seeded multi-field cases. */
    static List<Case> generate(Map<String, ObjectNode> bases, long seed, int combined) {
        List<Case> cases = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> base : bases.entrySet()) {
            List<String> fields = fieldPaths(base.getValue());
            if (fields.isEmpty()) {
                fields = List.of("database"); // field-less operations must ignore stray fields
            }
            for (String field : fields) {
                for (Hostile value : HOSTILE) {
                    cases.add(oneField(base.getKey(), base.getValue(), field, value));
                }
            }
        }
        for (Map.Entry<String, List<String>> keyed : KEYED_OBJECTS.entrySet()) {
            for (String path : keyed.getValue()) {
                for (String key : HOSTILE_KEYS) {
                    cases.add(oneKey(keyed.getKey(), bases.get(keyed.getKey()), path, key));
                }
            }
        }
        for (String sql : ODD_SQL) {
            String json = JSON.getNodeFactory().textNode(sql).toString();
            cases.add(oneField("sql", bases.get("sql"), "sql", new Hostile("odd-sql:" + abbreviate(sql), json)));
        }
        for (int i = 0; i < ODD_BODIES.size(); i++) {
            cases.add(new Case("envelope", "body", "odd-body-" + i, ODD_BODIES.get(i)));
        }
        Random random = new Random(seed);
        List<String> operations = new ArrayList<>(bases.keySet());
        for (int i = 0; i < combined; i++) {
            String operation = operations.get(random.nextInt(operations.size()));
            cases.add(combined(operation, bases.get(operation), random));
        }
        return cases;
    }

    private static Case oneField(String operation, ObjectNode base, String field, Hostile value) {
        ObjectNode body = base.deepCopy();
        Map<String, String> slots = new LinkedHashMap<>();
        place(body, field, value, slots);
        return new Case(operation, field, value.label(), render(body, slots));
    }

    /** The base with one more key, a hostile name, in the object at path (a copy of its first field's value). */
    private static Case oneKey(String operation, ObjectNode base, String path, String key) {
        ObjectNode body = base.deepCopy();
        ObjectNode object = (ObjectNode) body.at("/" + path.replace('.', '/'));
        JsonNode value = object.elements().hasNext() ? object.elements().next().deepCopy() : JSON.nullNode();
        object.set(key, value);
        String label = key.length() > 20 ? "key-of-" + key.length() + "-chars" : "key:" + key;
        return new Case(operation, path, label, body.toString());
    }

    private static Case combined(String operation, ObjectNode base, Random random) {
        List<String> fields = fieldPaths(base);
        ObjectNode body = base.deepCopy();
        Map<String, String> slots = new LinkedHashMap<>();
        List<String> labels = new ArrayList<>();
        int count = fields.isEmpty() ? 0 : 2 + random.nextInt(Math.min(3, fields.size()));
        for (int i = 0; i < count; i++) {
            String field = fields.get(random.nextInt(fields.size()));
            Hostile value = HOSTILE.get(random.nextInt(HOSTILE.size()));
            if (place(body, field, value, slots)) {
                labels.add(field + "=" + value.label());
            }
        }
        if (random.nextBoolean()) {
            Hostile extra = HOSTILE.get(1 + random.nextInt(HOSTILE.size() - 1));
            place(body, "unknown_" + random.nextInt(100), extra, slots);
            labels.add("extra=" + extra.label());
        }
        return new Case(operation, "combined", String.join(",", labels), render(body, slots));
    }

    /** Sets the value at a dotted path (array indexes as numbers); false when an earlier change removed the path. */
    private static boolean place(ObjectNode body, String path, Hostile value, Map<String, String> slots) {
        String[] parts = path.split("\\.");
        JsonNode parent = body;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = parent.isArray() ? parent.get(Integer.parseInt(parts[i])) : parent.get(parts[i]);
            if (parent == null || !parent.isContainerNode()) {
                return false;
            }
        }
        String last = parts[parts.length - 1];
        String slot = SLOT + slots.size() + SLOT;
        if (parent instanceof ObjectNode object) {
            if (value.json() == null) {
                object.remove(last);
            } else {
                object.put(last, slot);
            }
        } else if (parent instanceof ArrayNode array) {
            int index = Integer.parseInt(last);
            if (index >= array.size()) {
                return false;
            }
            if (value.json() == null) {
                array.remove(index);
            } else {
                array.set(index, JSON.getNodeFactory().textNode(slot));
            }
        }
        if (value.json() != null) {
            slots.put(JSON.getNodeFactory().textNode(slot).toString(), value.json());
        }
        return true;
    }

    private static String render(ObjectNode body, Map<String, String> slots) {
        String text = body.toString();
        for (Map.Entry<String, String> slot : slots.entrySet()) {
            text = text.replace(slot.getKey(), slot.getValue());
        }
        return text;
    }

    /** Every field of the base except 'operation', nested fields included as dotted paths. */
    static List<String> fieldPaths(ObjectNode base) {
        List<String> paths = new ArrayList<>();
        collect(base, "", paths);
        paths.remove("operation");
        return paths;
    }

    private static void collect(JsonNode node, String prefix, List<String> paths) {
        if (node.isObject()) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                String name = it.next();
                String path = prefix + name;
                paths.add(path);
                collect(node.get(name), path + ".", paths);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                paths.add(prefix + i);
                collect(node.get(i), prefix + i + ".", paths);
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
