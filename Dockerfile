# One image recipe for every ledger application; MODULE picks which (command-side, query-side, standalone).
# Build stage compiles the whole reactor once; the runtime stage holds only the chosen executable jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
ARG MODULE=standalone
WORKDIR /app
COPY --from=build /src/${MODULE}/target/*-exec.jar /app/ledger.jar
RUN useradd --system --uid 10001 ledger
USER ledger
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-Duser.timezone=UTC", "-jar", "/app/ledger.jar"]
