package caravan.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.UUID;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An SFTP server for tests: Apache MINA SSHD in this JVM on a free loopback port, serving a folder as
 * the file system's root to one user with a random password. Its host key is written to a
 * known_hosts file, so a client can check it strictly.
 */
public final class SftpTestServer implements AutoCloseable {
    public static final String USERNAME = "loader";

    private final String secret = UUID.randomUUID().toString();
    /** With characters a URI must escape, so the route's RAW() handling is tested too. */
    private final String password = "pw+" + secret + "&=%";
    private final Path root;
    private final Path knownHosts;
    private final SshServer server;

    private SftpTestServer(Path dir) throws IOException {
        root = Files.createDirectories(dir.resolve("root"));
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(dir.resolve("host-key")));
        server.setPasswordAuthenticator((user, given, session) -> USERNAME.equals(user) && password.equals(given));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.start();
        knownHosts = dir.resolve("known_hosts");
        writeKnownHosts();
    }

    /** Starts a server whose files, host key and known_hosts file live under dir. */
    public static SftpTestServer start(Path dir) throws IOException {
        return new SftpTestServer(dir);
    }

    private void writeKnownHosts() throws IOException {
        StringBuilder lines = new StringBuilder();
        try {
            for (KeyPair key : server.getKeyPairProvider().loadKeys(null)) {
                lines.append("[127.0.0.1]:").append(port()).append(' ')
                        .append(PublicKeyEntry.toString(key.getPublic())).append('\n');
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
        Files.writeString(knownHosts, lines);
    }

    public int port() {
        return server.getPort();
    }

    public String password() {
        return password;
    }

    /** The server's root folder, as seen on this machine. */
    public Path root() {
        return root;
    }

    /** Whether the password shows in text, as it is or URI-encoded. */
    public boolean passwordAppearsIn(String text) {
        return text.contains(secret);
    }

    public Path knownHosts() {
        return knownHosts;
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
