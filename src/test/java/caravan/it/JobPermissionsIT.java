package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who may do what with jobs (contract §14, §16 cases 68-71, compatibility C4): a non-super
 * user with only insert on ref.t loads with action insert, sees its own jobs and nobody else's.
 */
class JobPermissionsIT {
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh();
    private static final ApiClient admin = caravan.admin();
    private static ApiClient loader;

    @BeforeAll
    static void createFixtures() {
        admin.ok("{'operation':'create_database','database':'ref'}");
        admin.ok("{'operation':'create_table','database':'ref','table':'t','primary_key':'id'}");
        admin.ok("{'operation':'add_role','role':'loader','permission':{'super_user':false,'ref':{'tables':{'t':"
                + "{'read':true,'insert':true,'update':false,'delete':false,'attribute_permissions':[]}}}}}");
        admin.ok("{'operation':'add_user','role':'loader','username':'loader','password':'pw','active':true}");
        loader = caravan.as("loader", "pw");
    }

    @Test
    void loadWithoutActionNeedsUpdatePermissionToo() {
        ApiClient.Response r = loader.post("{'operation':'csv_data_load','database':'ref','table':'t','data':'id\\n1\\n'}");
        assertEquals(403, r.status());
        JsonNode denied = r.body().get("unauthorized_access").get(0);
        assertEquals("t", denied.get("table").asText());
        assertEquals("[\"update\"]", denied.get("required_table_permissions").toString());
    }

    @Test
    void loadWithInsertActionRunsAndItsOwnerSeesIt() {
        Jobs jobs = new Jobs(loader);
        JsonNode job = jobs.run("{'operation':'csv_data_load','action':'insert','database':'ref','table':'t',"
                + "'data':'id\\n7\\n'}");
        assertEquals("COMPLETE", job.get("status").asText());
        assertEquals("loader", job.get("user").asText());
    }

    @Test
    void anotherUsersJobIsUnknownToANonSuperUser() {
        String adminJob = new Jobs(admin).submit("{'operation':'csv_data_load','database':'ref','table':'t','data':'id\\n8\\n'}");
        assertEquals(0, loader.ok("{'operation':'get_job','id':'" + adminJob + "'}").size());
        assertEquals(404, loader.post("{'operation':'cancel_job','id':'" + adminJob + "'}").status());
    }

    @Test
    void superUserSeesEveryonesJobs() {
        String loaderJob = new Jobs(loader).submit("{'operation':'csv_data_load','action':'insert','database':'ref',"
                + "'table':'t','data':'id\\n9\\n'}");
        assertEquals("loader", admin.ok("{'operation':'get_job','id':'" + loaderJob + "'}").get(0).get("user").asText());
    }

    @Test
    void searchingJobsByDateIsForSuperUsers() {
        ApiClient.Response r = loader.post("{'operation':'search_jobs_by_start_date','from_date':'2000-01-01',"
                + "'to_date':'2100-01-01'}");
        assertEquals(403, r.status());
        assertEquals("Operation 'handleGetJobsByStartDate' is restricted to 'super_user' roles",
                r.body().get("unauthorized_access").get(0).asText());
    }
}
