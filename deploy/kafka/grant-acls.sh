#!/usr/bin/env bash
# One shot of docker-compose.yml (service kafka-acls), run as dataops-admin after the broker is healthy: sets each
# service user's SCRAM-SHA-512 password from the environment (re-run after changing one in .env) and grants the
# ACLs below. Idempotent. Kubernetes: the same table as Strimzi KafkaUser resources (deploy/k8s/03-kafka-users.yaml).
#
# What each service may do, from the channels in its application.properties (mp.messaging.*) and common-model's
# audit-out: a service writes only the topics it produces, reads only the topics it consumes, with its own group.
# Every service writes the audit topic (common-model's AuditPublisher) and the dead-letter topic (a consumer parks
# what it cannot process there). dataops-inbound is the user of outside producers: it may only write the inbound topic.
set -euo pipefail

# user               operation  resource  name
ACLS='
dataops-gateway      Read       topic     dataops.audit
dataops-gateway      Read       group     gateway-audit
dataops-gateway      Write      topic     dataops.audit
dataops-gateway      Write      topic     dataops.dead-letter
dataops-ingest       Write      topic     dataops.file-rows.uploaded
dataops-ingest       Write      topic     dataops.pipeline.events
dataops-ingest       Read       topic     dataops.pipeline.events
dataops-ingest       Read       group     ingest-service
dataops-ingest       Write      topic     dataops.audit
dataops-ingest       Write      topic     dataops.dead-letter
dataops-validation   Read       topic     dataops.file-rows.uploaded
dataops-validation   Read       topic     dataops.file-rows.rejected
dataops-validation   Read       topic     dataops.pipeline.events
dataops-validation   Read       group     validation-service
dataops-validation   Write      topic     dataops.file-rows.validated
dataops-validation   Write      topic     dataops.pipeline.events
dataops-validation   Write      topic     dataops.audit
dataops-validation   Write      topic     dataops.dead-letter
dataops-loader       Read       topic     dataops.file-rows.validated
dataops-loader       Read       topic     dataops.pipeline.events
dataops-loader       Read       group     loader-service
dataops-loader       Write      topic     dataops.file-rows.rejected
dataops-loader       Write      topic     dataops.pipeline.events
dataops-loader       Write      topic     dataops.audit
dataops-loader       Write      topic     dataops.dead-letter
dataops-job          Read       topic     dataops.pipeline.events
dataops-job          Read       group     job-service
dataops-job          Write      topic     dataops.pipeline.events
dataops-job          Write      topic     dataops.audit
dataops-job          Write      topic     dataops.dead-letter
dataops-report       Read       topic     dataops.pipeline.events
dataops-report       Read       group     report-service
dataops-report       Write      topic     dataops.audit
dataops-report       Write      topic     dataops.dead-letter
dataops-inbound      Write      topic     dataops.files.inbound
'

bootstrap="${KAFKA_BOOTSTRAP_SERVERS:-kafka:19092}"
admin=/tmp/admin-client.properties
umask 077
cat >"$admin" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="dataops-admin" password="${DATAOPS_KAFKA_ADMIN_PASSWORD:?}";
PROPERTIES

# DATAOPS_KAFKA_<NAME>_PASSWORD for user dataops-<name>
for user in $(printf '%s\n' "$ACLS" | awk 'NF {print $1}' | sort -u); do
  variable="DATAOPS_KAFKA_$(printf '%s' "${user#dataops-}" | tr '[:lower:]' '[:upper:]')_PASSWORD"
  password="${!variable:?set $variable in .env}"
  /opt/kafka/bin/kafka-configs.sh --bootstrap-server "$bootstrap" --command-config "$admin" --alter \
    --entity-type users --entity-name "$user" --add-config "SCRAM-SHA-512=[iterations=8192,password=${password}]"
done

printf '%s\n' "$ACLS" | while read -r user operation resource name; do
  [[ -n "$user" ]] || continue
  /opt/kafka/bin/kafka-acls.sh --bootstrap-server "$bootstrap" --command-config "$admin" --add \
    --allow-principal "User:$user" --operation "$operation" "--$resource" "$name" >/dev/null
done
/opt/kafka/bin/kafka-acls.sh --bootstrap-server "$bootstrap" --command-config "$admin" --list
