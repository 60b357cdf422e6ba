package dev.caravan.store;

import java.nio.file.Path;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A test class whose tests run once on each engine, on a new store the tests of that run share. A
 * subclass opens what it tests on the store in its own @BeforeParameterizedClassInvocation method,
 * which runs after this one.
 */
@ParameterizedClass
@EnumSource(StoreEngine.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoreOnEachEngine {
    @Parameter
    protected StoreEngine engine;
    @TempDir
    static Path dir;
    protected Store store;

    @BeforeParameterizedClassInvocation
    void openStore() {
        store = engine.open(dir, 4);
    }

    @AfterParameterizedClassInvocation
    void closeStore() {
        store.close();
    }
}
