package caravan.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.tools.attach.VirtualMachine;
import java.util.Set;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** A JMX connection to a running Caravan, made as jconsole makes it: by attaching to its process. */
final class JmxConnection implements AutoCloseable {
    private final JMXConnector connector;
    final MBeanServerConnection jmx;

    JmxConnection(CaravanProcess caravan) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(caravan.pid()));
        String address = vm.startLocalManagementAgent();
        vm.detach();
        connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
        jmx = connector.getMBeanServerConnection();
    }

    /** The one Caravan service MBean of this name (org.apache.camel:type=services,name=NAME). */
    ObjectName service(String name) throws Exception {
        Set<ObjectName> names = jmx.queryNames(new ObjectName("org.apache.camel:type=services,name=" + name + ",*"), null);
        assertEquals(1, names.size(), names.toString());
        return names.iterator().next();
    }

    Object attribute(ObjectName name, String attribute) throws Exception {
        return jmx.getAttribute(name, attribute);
    }

    @Override
    public void close() throws Exception {
        connector.close();
    }
}
