{{/*
Chart name, or nameOverride. Truncated to 63 characters because Kubernetes names and label values are limited
to 63 characters (DNS-1123 label).
*/}}
{{- define "backfire-lab.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name: the prefix of every resource name. Truncated to 63 characters (DNS-1123 label).
fullnameOverride wins; otherwise the release name alone when it contains the chart name or is a prefix of it
(release "backfire" gives backfire-orchestrator, not backfire-backfire-lab-orchestrator), else
<release>-<chart>. Component names append "-<component>" (at most 13 more characters), so the prefix is cut
to 50 characters there: see backfire-lab.componentName.
*/}}
{{- define "backfire-lab.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if or (contains $name .Release.Name) (hasPrefix .Release.Name $name) }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version, for the helm.sh/chart label (never used in selectors: it changes on every upgrade).
*/}}
{{- define "backfire-lab.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Namespace of the release's resources.
*/}}
{{- define "backfire-lab.namespace" -}}
{{- .Release.Namespace }}
{{- end }}

{{/*
Common labels of every resource: the recommended app.kubernetes.io/* labels plus commonLabels.
*/}}
{{- define "backfire-lab.labels" -}}
helm.sh/chart: {{ include "backfire-lab.chart" . }}
{{ include "backfire-lab.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: backfire-lab
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Selector labels of the release: stable across upgrades, so usable in immutable selectors.
*/}}
{{- define "backfire-lab.selectorLabels" -}}
app.kubernetes.io/name: {{ include "backfire-lab.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Name of one component's resources (Deployment, Service, ConfigMap, ...): <fullname>-<component>.
Input: dict "root" $ "component" "orchestrator"|"agent"|"scoring"|"stats".
Usage: {{ include "backfire-lab.componentName" (dict "root" $ "component" "agent") }}
*/}}
{{- define "backfire-lab.componentName" -}}
{{- printf "%s-%s" (include "backfire-lab.fullname" .root | trunc 50 | trimSuffix "-") .component }}
{{- end }}

{{/*
Labels of one component's resources: the common labels plus app.kubernetes.io/component.
Input: dict "root" $ "component" <name>.
*/}}
{{- define "backfire-lab.componentLabels" -}}
{{ include "backfire-lab.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/*
Selector labels of one component: the release's selector labels plus app.kubernetes.io/component.
Input: dict "root" $ "component" <name>.
*/}}
{{- define "backfire-lab.componentSelectorLabels" -}}
{{ include "backfire-lab.selectorLabels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/*
Name of one component's ServiceAccount: serviceAccount.name, else the component name when the chart creates
it, else "default".
Input: dict "root" $ "component" <name>.
*/}}
{{- define "backfire-lab.serviceAccountName" -}}
{{- $sa := (index .root.Values .component).serviceAccount }}
{{- if $sa.create }}
{{- default (include "backfire-lab.componentName" .) $sa.name }}
{{- else }}
{{- default "default" $sa.name }}
{{- end }}
{{- end }}

{{/*
Image reference of one component: <image.registry>/<component image.repository>:<tag>, the tag being the
component's image.tag, else image.tag, else the chart's appVersion.
Input: dict "root" $ "component" <name>.
Usage: image: {{ include "backfire-lab.image" (dict "root" $ "component" "stats") }}
*/}}
{{- define "backfire-lab.image" -}}
{{- $image := (index .root.Values .component).image }}
{{- $tag := $image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion }}
{{- printf "%s/%s:%s" .root.Values.image.registry $image.repository (toString $tag) }}
{{- end }}

{{/*
The components, in the order their resources are rendered.
*/}}
{{- define "backfire-lab.components" -}}
orchestrator agent scoring stats
{{- end }}

{{/*
Components with a REST API behind API keys: they get BACKFIRE_API_KEYS_ADMIN and BACKFIRE_API_KEYS_READER from
auth.existingSecret, and with network policies on, their HTTP port is open to the namespace. The scoring-service's
mutating endpoints (re-scoring, the judge) need the admin key; it reads transcripts from the orchestrator with
the reader key.
*/}}
{{- define "backfire-lab.apiComponents" -}}
orchestrator scoring stats
{{- end }}

{{/*
Port every service container listens on (its port "http"): REST API, health and /q/metrics.
*/}}
{{- define "backfire-lab.httpPort" -}}
8080
{{- end }}

{{/*
Base URL of the orchestrator's REST API inside the cluster (its Service), for the scoring-service's re-scoring.
*/}}
{{- define "backfire-lab.orchestratorUrl" -}}
{{- printf "http://%s:%v" (include "backfire-lab.componentName" (dict "root" . "component" "orchestrator")) .Values.orchestrator.service.port }}
{{- end }}

{{/*
Components that use PostgreSQL.
*/}}
{{- define "backfire-lab.databaseComponents" -}}
orchestrator stats
{{- end }}

{{/*
Kafka topic names by values key (kafka.topics.partitions.<key>). The services' topic names are fixed in
their configuration (dev.backfire.contracts.Topics).
*/}}
{{- define "backfire-lab.topics" -}}
turnRequests: backfire.turn-requests
agentMessages: backfire.agent-messages
messageScores: backfire.message-scores
runEvents: backfire.run-events
deadLetters: backfire.dead-letters
{{- end }}

{{/*
Name of the Strimzi Kafka cluster (the Kafka resource).
*/}}
{{- define "backfire-lab.kafkaClusterName" -}}
{{- printf "%s-kafka" (include "backfire-lab.fullname" . | trunc 50 | trimSuffix "-") }}
{{- end }}

{{/*
Replication factor for a Strimzi cluster of kafka.strimzi.replicas nodes: min(3, replicas).
*/}}
{{- define "backfire-lab.kafkaReplicationFactor" -}}
{{- min 3 (int .Values.kafka.strimzi.replicas) }}
{{- end }}

{{/*
Kafka bootstrap servers: the Strimzi cluster's bootstrap Service (plain listener) when Strimzi is enabled,
else kafka.bootstrapServers.
*/}}
{{- define "backfire-lab.kafkaBootstrapServers" -}}
{{- if .Values.kafka.strimzi.enabled }}
{{- printf "%s-kafka-bootstrap:9092" (include "backfire-lab.kafkaClusterName" .) }}
{{- else }}
{{- .Values.kafka.bootstrapServers }}
{{- end }}
{{- end }}

{{/*
Name of the CloudNativePG cluster.
*/}}
{{- define "backfire-lab.postgresqlClusterName" -}}
{{- printf "%s-postgresql" (include "backfire-lab.fullname" . | trunc 50 | trimSuffix "-") }}
{{- end }}

{{/*
Database name of a component (orchestrator or stats).
Input: dict "root" $ "component" <name>.
*/}}
{{- define "backfire-lab.databaseName" -}}
{{- printf "backfire_%s" .component }}
{{- end }}

{{/*
JDBC URL of a component's database: the CloudNativePG read-write Service when cnpg is enabled, else the
external URL.
Input: dict "root" $ "component" "orchestrator"|"stats".
*/}}
{{- define "backfire-lab.jdbcUrl" -}}
{{- $pg := .root.Values.postgresql }}
{{- if $pg.cnpg.enabled }}
{{- printf "jdbc:postgresql://%s-rw:5432/%s" (include "backfire-lab.postgresqlClusterName" .root) (include "backfire-lab.databaseName" .) }}
{{- else if eq .component "orchestrator" }}
{{- $pg.external.orchestratorJdbcUrl }}
{{- else }}
{{- $pg.external.statsJdbcUrl }}
{{- end }}
{{- end }}

{{/*
Secret with the database credentials, and its user name and password keys: CloudNativePG's app Secret
(<cluster>-app, keys username and password) when cnpg is enabled, else postgresql.external.*.
*/}}
{{- define "backfire-lab.databaseSecretName" -}}
{{- if .Values.postgresql.cnpg.enabled }}
{{- printf "%s-app" (include "backfire-lab.postgresqlClusterName" .) }}
{{- else }}
{{- .Values.postgresql.external.existingSecret }}
{{- end }}
{{- end }}

{{- define "backfire-lab.databaseUsernameKey" -}}
{{- if .Values.postgresql.cnpg.enabled }}username{{ else }}{{ .Values.postgresql.external.usernameKey }}{{ end }}
{{- end }}

{{- define "backfire-lab.databasePasswordKey" -}}
{{- if .Values.postgresql.cnpg.enabled }}password{{ else }}{{ .Values.postgresql.external.passwordKey }}{{ end }}
{{- end }}

{{/*
Whether the agent-service replicas are managed by an autoscaler (then the Deployment leaves spec.replicas
unset, so an upgrade does not reset the autoscaler's choice). Returns "true" or "".
*/}}
{{- define "backfire-lab.agentAutoscaled" -}}
{{- $as := .Values.agent.autoscaling }}
{{- if or $as.keda.enabled $as.hpa.enabled }}true{{ end }}
{{- end }}

{{/*
Environment of one component, as ConfigMap data: its whole non-secret configuration, sorted by name. The
component's env values win over what the chart derives (one key each, never a duplicate). Deployments hash it
(checksum/config) so a change restarts only that component's pods.
Input: dict "root" $ "component" <name>.
*/}}
{{- define "backfire-lab.configData" -}}
{{- $root := .root }}
{{- $values := index $root.Values .component }}
{{- $data := dict "QUARKUS_PROFILE" $root.Values.quarkusProfile "KAFKA_BOOTSTRAP_SERVERS" (include "backfire-lab.kafkaBootstrapServers" $root) }}
{{- if has .component (splitList " " (include "backfire-lab.databaseComponents" $root)) }}
{{- $_ := set $data "QUARKUS_DATASOURCE_JDBC_URL" (include "backfire-lab.jdbcUrl" .) }}
{{- end }}
{{- with $root.Values.javaToolOptions }}
{{- $_ := set $data "JAVA_TOOL_OPTIONS" . }}
{{- end }}
{{- if eq .component "agent" }}
{{- $data = merge (deepCopy ($root.Values.models.env | default dict)) $data }}
{{- end }}
{{- if eq .component "scoring" }}
{{- /* Re-scoring reads a stored study's transcripts from the orchestrator's Service. */}}
{{- $_ := set $data "BACKFIRE_SCORING_ORCHESTRATOR_URL" (include "backfire-lab.orchestratorUrl" $root) }}
{{- if $values.lexiconSets.enabled }}
{{- $_ := set $data "BACKFIRE_SCORING_RESCORE_LEXICON_SETS_DIRECTORY" $values.lexiconSets.mountPath }}
{{- end }}
{{- if $values.judge.enabled }}
{{- $_ := set $data "BACKFIRE_SCORING_JUDGE_ENABLED" "true" }}
{{- $_ := set $data "BACKFIRE_SCORING_JUDGE_BASE_URL" $values.judge.baseUrl }}
{{- $_ := set $data "BACKFIRE_SCORING_JUDGE_MODEL" $values.judge.model }}
{{- end }}
{{- end }}
{{- $data = merge (deepCopy ($values.env | default dict)) $data }}
{{- $lines := list }}
{{- range $key := keys $data | sortAlpha }}
{{- $lines = append $lines (printf "%s: %s" $key (toString (index $data $key) | quote)) }}
{{- end }}
{{- join "\n" $lines }}
{{- end }}

{{/*
Volumes of the scoring-service's lexicon sets (scoring.lexiconSets): one read-only PersistentVolumeClaim, or one
ConfigMap volume per set, mounted at <mountPath>/<set>. Fails with the reason on a half-configured block.
Renders the `volumes` entries when .part is "volumes", the `volumeMounts` entries when it is "mounts".
Input: dict "root" $ "part" "volumes"|"mounts".
*/}}
{{- define "backfire-lab.lexiconSetVolumes" -}}
{{- $ls := .root.Values.scoring.lexiconSets }}
{{- if $ls.enabled }}
{{- if and $ls.existingClaim $ls.configMaps }}
{{- fail "scoring.lexiconSets: set either existingClaim or configMaps, not both" }}
{{- else if not (or $ls.existingClaim $ls.configMaps) }}
{{- fail "scoring.lexiconSets.enabled is true but neither existingClaim nor configMaps names where the sets are" }}
{{- end }}
{{- if $ls.existingClaim }}
{{- if eq .part "volumes" }}
- name: lexicon-sets
  persistentVolumeClaim:
    claimName: {{ $ls.existingClaim }}
    readOnly: true
{{- else }}
- name: lexicon-sets
  mountPath: {{ $ls.mountPath }}
  readOnly: true
{{- end }}
{{- else }}
{{- range $i, $set := keys $ls.configMaps | sortAlpha }}
{{- if eq $.part "volumes" }}
- name: lexicon-set-{{ $i }}
  configMap:
    name: {{ index $ls.configMaps $set }}
{{- else }}
- name: lexicon-set-{{ $i }}
  mountPath: {{ printf "%s/%s" (trimSuffix "/" $ls.mountPath) $set }}
  readOnly: true
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
