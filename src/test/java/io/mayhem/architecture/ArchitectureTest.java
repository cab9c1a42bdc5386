package io.mayhem.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.mayhem.lifecycle.ManagedExecutors;
import io.mayhem.lifecycle.MayhemService;

/**
 * The package tree is the architecture (README "How it works"): these rules keep it so. They read the compiled
 * application classes (not the tests), and run with the unit tests.
 */
@AnalyzeClasses(packages = "io.mayhem", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Plain Java: built with {@code new} in unit tests, no container needed. */
    static final String[] CORE = {"io.mayhem.request..", "io.mayhem.tasks..", "io.mayhem.lease..",
            "io.mayhem.restart..", "io.mayhem.handling..", "io.mayhem.monitoring..", "io.mayhem.configuration..",
            "io.mayhem.operator..", "io.mayhem.guardrails..", "io.mayhem.logging..", "io.mayhem.kubernetes.."};

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("io.mayhem.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule coreImportsNoContainerApi = noClasses().that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "org.eclipse.microprofile..")
            .because("core classes take their collaborators in the constructor and a unit test builds them with new");

    @ArchTest
    static final ArchRule onlyTheExecutorAdapterUsesTheManagedExecutors = noClasses()
            .that().doNotBelongToAnyOf(ManagedExecutors.class)
            .should().dependOnClassesThat().resideInAPackage("jakarta.enterprise.concurrent..")
            .because("the managed executors sit behind one small class; the rest sees a Scheduler and a ThreadFactory");

    @ArchTest
    static final ArchRule nothingOutsideLifecycleNamesMayhemService = noClasses()
            .that().resideOutsideOfPackage("io.mayhem.lifecycle..")
            .should().dependOnClassesThat().belongToAnyOf(MayhemService.class)
            .because("MayhemService produces what the edges need (@Produces): nothing calls up into it");

    @ArchTest
    static final ArchRule theRequestIsTheBottom = classes().that().resideInAPackage("io.mayhem.request..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.mayhem.request..", "java..")
            .because("every layer shares the request type, so it depends on none of them");

    @ArchTest
    static final ArchRule theLogFormatStandsAlone = classes().that().resideInAPackage("io.mayhem.logging..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.mayhem.logging..", "java..")
            .because("the build compiles it into mayhem-launcher.jar too, which has nothing else of the application");

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("request").definedBy("io.mayhem.request..")
            .layer("low").definedBy("io.mayhem.tasks..", "io.mayhem.messaging..", "io.mayhem.monitoring..",
                    "io.mayhem.configuration..", "io.mayhem.logging..")
            .layer("middle").definedBy("io.mayhem.lease..", "io.mayhem.restart..", "io.mayhem.handling..",
                    "io.mayhem.store..", "io.mayhem.intake..", "io.mayhem.publishing..", "io.mayhem.operator..",
                    "io.mayhem.guardrails..", "io.mayhem.kubernetes..")
            .layer("edge").definedBy("io.mayhem.web..", "io.mayhem.metrics..")
            .layer("lifecycle").definedBy("io.mayhem.lifecycle..")
            .whereLayer("lifecycle").mayNotBeAccessedByAnyLayer()
            .whereLayer("edge").mayNotBeAccessedByAnyLayer()
            .whereLayer("middle").mayOnlyBeAccessedByLayers("edge", "lifecycle")
            .whereLayer("low").mayOnlyBeAccessedByLayers("middle", "edge", "lifecycle")
            .because("the composition root (lifecycle) and the HTTP edges (web, metrics) sit on top; nothing calls up");

    @ArchTest
    static final ArchRule onlyTheMetricsEdgeUsesThePrometheusLibrary = noClasses()
            .that().resideOutsideOfPackage("io.mayhem.metrics..")
            .should().dependOnClassesThat().resideInAPackage("io.prometheus..")
            .because("GET /metrics is an adapter at the edge: the core counts, io.mayhem.metrics exports");
}
