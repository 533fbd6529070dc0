package org.commcredits.ledger.apps;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module boundaries of {@code docs/architecture.md}, checked on the compiled production classes. */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.commcredits.ledger");
    }

    @Test
    void sharedEventsDependsOnNoSpringOrJpa() {
        noClasses().that().resideInAPackage("org.commcredits.ledger.api..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..",
                        "javax.persistence..", "org.hibernate..", "org.commcredits.ledger.platform..",
                        "org.commcredits.ledger.command..", "org.commcredits.ledger.query..")
                .check(production);
    }

    @Test
    void sharedEventsDependsOnlyOnTheJdkJacksonAnnotationsAndAxonAnnotations() {
        classes().that().resideInAPackage("org.commcredits.ledger.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.commcredits.ledger.api..",
                        "com.fasterxml.jackson.annotation..", "org.axonframework.serialization..",
                        "org.axonframework.modelling.command..")
                .check(production);
    }

    @Test
    void commandSideDoesNotDependOnQuerySide() {
        noClasses().that().resideInAPackage("org.commcredits.ledger.command..")
                .should().dependOnClassesThat().resideInAPackage("org.commcredits.ledger.query..")
                .check(production);
    }

    @Test
    void querySideDoesNotDependOnCommandSide() {
        noClasses().that().resideInAPackage("org.commcredits.ledger.query..")
                .should().dependOnClassesThat().resideInAPackage("org.commcredits.ledger.command..")
                .check(production);
    }

    @Test
    void platformDependsOnNeitherSide() {
        noClasses().that().resideInAPackage("org.commcredits.ledger.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("org.commcredits.ledger.command..",
                        "org.commcredits.ledger.query..")
                .check(production);
    }

    /** The console is a client of the HTTP API: it reaches no aggregate, command, read model or event class. */
    @Test
    void consoleReachesTheLedgerOnlyThroughItsApi() {
        noClasses().that().resideInAPackage("org.commcredits.ledger.console..")
                .should().dependOnClassesThat().resideInAnyPackage("org.commcredits.ledger.command..",
                        "org.commcredits.ledger.query..", "org.commcredits.ledger.api..", "org.axonframework..",
                        "org.springframework.jdbc..")
                .check(production);
    }

    @Test
    void aggregatesAreNotPublic() {
        classes().that().areAnnotatedWith(Aggregate.class).should().notBePublic().check(production);
    }

    @Test
    void aggregatesAreReachedOnlyThroughTheCommandBus() {
        classes().that().areAnnotatedWith(Aggregate.class)
                .should().onlyHaveDependentClassesThat(ownedByAnAggregate())
                .check(production);
    }

    /**
     * The aggregate itself, a class nested in an aggregate (its state, its lambdas), or a read-only query
     * handler of the aggregate's own package named {@code *Queries} that loads it through Axon's
     * {@code Repository} (the call path's standing query must not decide on a lagging read model).
     */
    private static DescribedPredicate<JavaClass> ownedByAnAggregate() {
        return new DescribedPredicate<>("are the aggregate itself, nested in it, or its package's *Queries reader") {
            @Override
            public boolean test(JavaClass dependent) {
                if (dependent.getSimpleName().endsWith("Queries")
                        && production.stream().anyMatch(aggregate -> aggregate.isAnnotatedWith(Aggregate.class)
                        && aggregate.getPackageName().equals(dependent.getPackageName()))) {
                    return true;
                }
                for (JavaClass current = dependent; current != null; current = current.getEnclosingClass().orElse(null)) {
                    if (current.isAnnotatedWith(Aggregate.class)) {
                        return true;
                    }
                }
                return false;
            }
        };
    }
}
