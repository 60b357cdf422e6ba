import com.sun.tools.attach.VirtualMachine;
import java.util.Set;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Prints Caravan's job counters from JMX, attaching to the local Caravan process:
 *   java tools/JobStats.java PID
 * (jconsole PID shows the same under org.apache.camel > caravan > services > JobMonitor.)
 */
public class JobStats {
    public static void main(String[] args) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        String address = vm.startLocalManagementAgent();
        vm.detach();
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            Set<ObjectName> names = server.queryNames(new ObjectName("org.apache.camel:type=services,name=JobMonitor,*"), null);
            for (ObjectName name : names) {
                for (String attribute : new String[] {"JobsRunning", "JobsQueued", "JobsCompleted", "JobsFailed",
                    "RowsWritten", "RowsPerSecond"}) {
                    System.out.println(attribute + " = " + server.getAttribute(name, attribute));
                }
            }
            if (names.isEmpty()) {
                System.out.println("no JobMonitor MBean found; MBeans of Camel services:");
                server.queryNames(new ObjectName("org.apache.camel:type=services,*"), null).forEach(System.out::println);
            }
        }
    }
}
