package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Monitoring through JMX, as an operator does with jconsole: Camel's route MBeans and Caravan's job counters. */
class JmxIT {
    @RegisterExtension
    static final CaravanServer caravan = CaravanServer.fresh();
    private static JmxConnection connection;
    private static MBeanServerConnection jmx;

    @BeforeAll
    static void start() throws Exception {
        connection = new JmxConnection(caravan.process());
        jmx = connection.jmx;
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
    }

    private static ObjectName jobMonitor() throws Exception {
        return connection.service("JobMonitor");
    }

    @Test
    void jobCountersFollowCompletedAndFailedJobs() throws Exception {
        ApiClient admin = caravan.admin();
        admin.ok("{'operation':'create_database','database':'ref'}");
        String table = admin.newTable("ref");
        Jobs jobs = new Jobs(admin);
        long completedBefore = (Long) jmx.getAttribute(jobMonitor(), "JobsCompleted");
        long failedBefore = (Long) jmx.getAttribute(jobMonitor(), "JobsFailed");
        long rowsBefore = (Long) jmx.getAttribute(jobMonitor(), "RowsWritten");

        jobs.run("{'operation':'csv_data_load','database':'ref','table':'" + table + "','data':'id\\n1\\n2\\n3\\n'}");
        jobs.run("{'operation':'csv_data_load','database':'ref','table':'" + table + "','data':'id,a/b\\n4,x\\n'}");

        assertEquals(completedBefore + 1, jmx.getAttribute(jobMonitor(), "JobsCompleted"));
        assertEquals(failedBefore + 1, jmx.getAttribute(jobMonitor(), "JobsFailed"));
        assertEquals(rowsBefore + 3, jmx.getAttribute(jobMonitor(), "RowsWritten"));
        assertEquals(0, jmx.getAttribute(jobMonitor(), "JobsRunning"));
        assertEquals(0L, jmx.getAttribute(jobMonitor(), "JobsQueued"));
    }

    @Test
    void everyJobRouteAndTheLoadKameletHaveRouteMBeans() throws Exception {
        Set<ObjectName> routes = jmx.queryNames(new ObjectName("org.apache.camel:context=caravan,type=routes,*"), null);
        String names = routes.toString();
        assertFalse(routes.isEmpty());
        for (String route : new String[] {"operations-api", "job-runner", "csv_data_load", "csv_file_load",
            "csv_url_load", "record-load-sink"}) {
            assertTrue(names.contains(route), route + " in " + names);
        }
    }
}
