package dev.caravan.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CountingInputStreamTest {
    private static final byte[] DATA = "id,name\n1,Rex\n2,Bo\n3,Kiki\n".getBytes(StandardCharsets.UTF_8);

    private static CountingInputStream over(byte[] bytes) {
        return new CountingInputStream(new ByteArrayInputStream(bytes)).named("The file 'x.csv'");
    }

    private static String sha256(byte[] bytes, int length) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        d.update(bytes, 0, length);
        return HexFormat.of().formatHex(d.digest());
    }

    @Test
    void checkpointIsTheCountAndTheHashOfTheBytesReadSoFar() throws Exception {
        CountingInputStream in = over(DATA);
        byte[] buffer = new byte[10];
        assertEquals(10, in.read(buffer));
        in.read();
        SourceCheckpoint at = in.checkpoint();
        assertEquals(11, at.bytes());
        assertEquals(sha256(DATA, 11), at.hash());
        in.readAllBytes();
        assertEquals(new SourceCheckpoint(DATA.length, sha256(DATA, DATA.length)), in.checkpoint());
    }

    @Test
    void skippedBytesAreHashedToo() throws Exception {
        CountingInputStream in = over(DATA);
        assertEquals(8, in.skip(8));
        assertEquals(new SourceCheckpoint(8, sha256(DATA, 8)), in.checkpoint());
    }

    @Test
    void sourceEndingBeforeItsLengthIsAChange() {
        CountingInputStream in = over(DATA).expectLength((long) DATA.length + 5);
        SourceChangedException e = assertThrows(SourceChangedException.class, in::readAllBytes);
        assertEquals("The file 'x.csv' ended after " + DATA.length + " of its " + (DATA.length + 5)
                + " bytes: it was truncated or replaced while it was loaded", e.getMessage());
    }

    @Test
    void sourceLongerThanItsLengthIsAChange() {
        CountingInputStream in = over(DATA).expectLength(4L);
        SourceChangedException e = assertThrows(SourceChangedException.class, in::readAllBytes);
        assertTrue(e.getMessage().startsWith("The file 'x.csv' grew while it was loaded"), e.getMessage());
    }

    @Test
    void sourceOfItsExactLengthReadsToTheEnd() throws IOException {
        assertEquals(DATA.length, over(DATA).expectLength((long) DATA.length).readAllBytes().length);
    }

    @Test
    void endCheckRunsAtTheEnd() {
        CountingInputStream in = over(DATA).atEnd(() -> {
            throw new SourceChangedException("rewritten");
        });
        assertEquals("rewritten", assertThrows(SourceChangedException.class, in::readAllBytes).getMessage());
    }

    @Test
    void resumeOverTheSameBytesGoesOn() throws Exception {
        CountingInputStream in = over(DATA).mustMatch(new SourceCheckpoint(14, sha256(DATA, 14)));
        assertEquals(DATA.length, in.readAllBytes().length);
    }

    @Test
    void resumeOverDifferentBytesIsRefused() throws Exception {
        byte[] changed = DATA.clone();
        changed[9] = 'X';
        CountingInputStream in = over(changed).mustMatch(new SourceCheckpoint(14, sha256(DATA, 14)));
        SourceChangedException e = assertThrows(SourceChangedException.class, in::readAllBytes);
        assertTrue(e.getMessage().startsWith("The source changed since the job started: The file 'x.csv' does not"
                + " hold the same bytes up to the last committed batch (14 bytes)"), e.getMessage());
    }

    @Test
    void resumeIntoAShorterSourceIsRefused() throws Exception {
        CountingInputStream in = over(DATA).mustMatch(new SourceCheckpoint(DATA.length + 1, "00"));
        SourceChangedException e = assertThrows(SourceChangedException.class, in::readAllBytes);
        assertTrue(e.getMessage().contains("now ends after " + DATA.length + " bytes"), e.getMessage());
    }

    @Test
    void abortFromAnotherThreadEndsABlockedReadWithTheReason() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket stalled = server.accept()) {
            stalled.getOutputStream().write("id\n".getBytes(StandardCharsets.UTF_8)); // then nothing more
            CountingInputStream in = new CountingInputStream(client.getInputStream());
            CompletableFuture<Throwable> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    in.readAllBytes();
                    return null;
                } catch (IOException | RuntimeException e) {
                    return e;
                }
            });
            org.awaitility.Awaitility.await().until(() -> in.count() == 3);
            RuntimeException reason = new IllegalStateException("cancelled");
            in.abort(reason);
            assertSame(reason, reader.get(20, TimeUnit.SECONDS));
            assertTrue(in.isOver());
            assertSame(reason, assertThrows(IllegalStateException.class, in::read), "later reads throw the reason too");
        }
    }

    @Test
    void abortRunsTheSourcesOwnAbortOnce() {
        int[] aborts = {0};
        CountingInputStream in = over(DATA).abortedBy(() -> aborts[0]++);
        in.abort(new IllegalStateException("first"));
        in.abort(new IllegalStateException("second"));
        assertEquals(1, aborts[0]);
        assertEquals("first", assertThrows(IllegalStateException.class, in::read).getMessage());
    }
}
