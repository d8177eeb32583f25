{{/*
Names and labels. Component names are <fullname>-api, -web, -worker, so fullname is cut to 56
characters: every name stays a valid DNS label (63).
*/}}
{{- define "starter.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 56 | trimSuffix "-" }}
{{- end }}

{{- define "starter.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 56 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 56 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 56 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "starter.selectorLabels" -}}
app.kubernetes.io/name: {{ include "starter.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "starter.labels" -}}
{{ include "starter.selectorLabels" . }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "starter.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "starter.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The migrations Job: <fullname>-migrate, cut so that it stays a valid label value (63), as Jobs need.
Its ServiceAccount: a hook copy of the chart's (the chart's does not exist yet on the first install),
or the one you name when the chart creates none.
*/}}
{{- define "starter.migrationsJobName" -}}
{{- printf "%s-migrate" (include "starter.fullname" . | trunc 55 | trimSuffix "-") }}
{{- end }}

{{- define "starter.migrationsServiceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- printf "%s-migrations" (include "starter.fullname" .) }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* repository[:tag][@digest] */}}
{{- define "starter.image" -}}
{{- .repository }}{{ with .tag }}:{{ . }}{{ end }}{{ with .digest }}@{{ . }}{{ end }}
{{- end }}

{{/*
Env names a component reads from its Secret: the keys of externalSecrets.<c>.data with External
Secrets, else the keys of <c>.secrets. Printed as a JSON list (read back with fromJsonArray).
*/}}
{{- define "starter.secretKeys" -}}
{{- $root := .root }}
{{- if $root.Values.externalSecrets.enabled }}
{{- keys (index $root.Values.externalSecrets .component "data") | sortAlpha | toJson }}
{{- else }}
{{- keys (index $root.Values .component "secrets") | sortAlpha | toJson }}
{{- end }}
{{- end }}

{{/*
One Deployment. Input: root, component, values (the component's values), image, env (a dict of plain
env), secretKeys, secretName, port, probes {live, ready}, replicas, autoscaled (an HPA owns the replica
count: replicas is left out), strategy (optional), checksum (of plain secret values, to roll the pods).
*/}}
{{- define "starter.deployment" -}}
{{- $root := .root }}
{{- $values := .values }}
{{- $ctx := dict "root" $root "component" .component }}
{{- range .secretKeys }}
{{- if hasKey $.env . }}
{{- fail (printf "%s is both plain env and a secret of the %s; keep it in one place" . $.component) }}
{{- end }}
{{- end }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "starter.fullname" $root }}-{{ .component }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "starter.labels" $ctx | nindent 4 }}
spec:
  {{- if not .autoscaled }}
  replicas: {{ .replicas }}
  {{- end }}
  {{- with .strategy }}
  strategy:
    type: {{ . }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "starter.selectorLabels" $ctx | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "starter.selectorLabels" $ctx | nindent 8 }}
        {{- with $values.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- if or $values.podAnnotations .checksum }}
      annotations:
        {{- with .checksum }}
        checksum/secret: {{ . }}
        {{- end }}
        {{- with $values.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- end }}
    spec:
      serviceAccountName: {{ include "starter.serviceAccountName" $root }}
      automountServiceAccountToken: false
      # Only the configured env reaches the app: no <SERVICE>_PORT variables from Service links.
      enableServiceLinks: false
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- include "starter.podSecurityContext" $root | nindent 8 }}
      containers:
        - name: {{ .component }}
          image: {{ .image | toJson }}
          imagePullPolicy: {{ $values.imagePullPolicy }}
          ports:
            - name: http
              containerPort: {{ .port }}
              protocol: TCP
          env:
            {{- include "starter.env" . | trim | nindent 12 }}
          startupProbe:
            httpGet:
              path: {{ .probes.ready }}
              port: http
              httpHeaders:
                - name: Host
                  value: localhost
            periodSeconds: 5
            timeoutSeconds: 5
            failureThreshold: 30
          readinessProbe:
            httpGet:
              path: {{ .probes.ready }}
              port: http
              httpHeaders:
                - name: Host
                  value: localhost
            periodSeconds: 10
            timeoutSeconds: 5
            failureThreshold: 3
          livenessProbe:
            httpGet:
              path: {{ .probes.live }}
              port: http
              httpHeaders:
                - name: Host
                  value: localhost
            periodSeconds: 20
            timeoutSeconds: 5
            failureThreshold: 3
          resources:
            {{- toYaml $values.resources | nindent 12 }}
          securityContext:
            {{- include "starter.containerSecurityContext" . | nindent 12 }}
          volumeMounts:
            {{- include "starter.scratchMounts" $values.writablePaths | trim | nindent 12 }}
      volumes:
        {{- include "starter.scratchVolumes" $values.writablePaths | trim | nindent 8 }}
{{- end }}

{{/*
Pod and container hardening shared by every Deployment and the migrations Job: a non-root user, the
RuntimeDefault seccomp profile, a read-only root filesystem, no privilege escalation, no capabilities.
*/}}
{{- define "starter.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.podSecurityContext.runAsUser }}
runAsGroup: {{ .Values.podSecurityContext.runAsGroup }}
fsGroup: {{ .Values.podSecurityContext.fsGroup }}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "starter.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop:
    - ALL
{{- end }}

{{/* The writable paths of a read-only root filesystem, one emptyDir each (include with trim). Input: the list of paths. */}}
{{- define "starter.scratchMounts" -}}
{{- range $index, $path := . }}
- name: scratch-{{ $index }}
  mountPath: {{ $path | toJson }}
{{- end }}
{{- end }}

{{- define "starter.scratchVolumes" -}}
{{- range $index, $path := . }}
- name: scratch-{{ $index }}
  emptyDir: {}
{{- end }}
{{- end }}

{{/*
A container's env list (include it with trim: it starts with a newline). Input: env (a dict of plain
env), secretKeys, secretName. Values are written with every "$" doubled: Kubernetes expands $(NAME) in env values and reads $$ as $, so the container
sees exactly the configured value.
*/}}
{{- define "starter.env" -}}
{{- range $name, $value := .env }}
- name: {{ $name | toJson }}
  value: {{ $value | toString | replace "$" "$$" | toJson }}
{{- end }}
{{- range .secretKeys }}
- name: {{ . | toJson }}
  valueFrom:
    secretKeyRef:
      name: {{ $.secretName }}
      key: {{ . | toJson }}
{{- end }}
{{- end }}

{{/*
The API's plain env, as JSON (read back with fromJson): PORT, api.env, then the billing flags.
Billing topology (seed OPS-002): with the dedicated worker enabled the API neither retries nor
replays billing events; without it the API does both inline. api.env may override either. The api
Deployment and the migrations Job both run with exactly this env.
*/}}
{{- define "starter.apiEnv" -}}
{{- $flags := dict "ENABLE_BILLING_RETRY_WORKER" "true" "ENABLE_BILLING_STREAM_REPLAY" "true" "BILLING_RETRY_DEPLOYMENT_MODE" "inline" }}
{{- if .Values.worker.enabled }}
{{- $flags = dict "ENABLE_BILLING_RETRY_WORKER" "false" "ENABLE_BILLING_STREAM_REPLAY" "false" "BILLING_RETRY_DEPLOYMENT_MODE" "dedicated" }}
{{- end }}
{{- include "starter.withServiceHosts" (dict "root" . "env" (merge (dict "PORT" (toString .Values.api.port)) .Values.api.env $flags)) }}
{{- end }}

{{/*
An API-image env (a dict) as JSON, with ALLOWED_HOSTS completed by the API Service's DNS names in the
namespace the release really runs in (<fullname>-api, .<ns>, .<ns>.svc, .<ns>.svc.cluster.local), so
in-cluster clients are accepted even when the chart is installed outside the namespace the values were
generated for. The API compares the Host header without its port: the names carry none.
*/}}
{{- define "starter.withServiceHosts" -}}
{{- $env := .env }}
{{- if hasKey $env "ALLOWED_HOSTS" }}
{{- $svc := printf "%s-api" (include "starter.fullname" .root) }}
{{- $ns := .root.Release.Namespace }}
{{- $hosts := splitList "," (toString (get $env "ALLOWED_HOSTS")) }}
{{- range list $svc (printf "%s.%s" $svc $ns) (printf "%s.%s.svc" $svc $ns) (printf "%s.%s.svc.cluster.local" $svc $ns) }}
{{- if not (has . $hosts) }}
{{- $hosts = append $hosts . }}
{{- end }}
{{- end }}
{{- $_ := set $env "ALLOWED_HOSTS" (join "," $hosts) }}
{{- end }}
{{- $env | toJson }}
{{- end }}

{{/* Replicas of a component that an HPA may own: the HPA's minimum when autoscaling is on. */}}
{{- define "starter.minReplicas" -}}
{{- if .root.Values.autoscaling.enabled }}
{{- .root.Values.autoscaling.minReplicas }}
{{- else }}
{{- (index .root.Values .component).replicaCount }}
{{- end }}
{{- end }}

{{/*
One plain Secret. Input: root, component (its label), name, secrets (env name -> value), annotations
(optional).
*/}}
{{- define "starter.secret" -}}
apiVersion: v1
kind: Secret
metadata:
  name: {{ .name }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "starter.labels" (dict "root" .root "component" .component) | nindent 4 }}
  {{- with .annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
type: Opaque
data:
  {{- range $name, $value := .secrets }}
  {{ $name | toJson }}: {{ $value | b64enc | toJson }}
  {{- end }}
{{- end }}

{{/*
One ExternalSecret, whose target Secret has the same name. Input: root, component (its label), name,
data (env name -> {key, property}), annotations (optional).
*/}}
{{- define "starter.externalSecret" -}}
{{- $es := .root.Values.externalSecrets }}
apiVersion: {{ $es.apiVersion }}
kind: ExternalSecret
metadata:
  name: {{ .name }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "starter.labels" (dict "root" .root "component" .component) | nindent 4 }}
  {{- with .annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  refreshInterval: {{ $es.refreshInterval | toJson }}
  secretStoreRef:
    name: {{ required "externalSecrets.secretStoreRef.name is required when externalSecrets.enabled is true" $es.secretStoreRef.name | toJson }}
    kind: {{ $es.secretStoreRef.kind }}
  target:
    name: {{ .name }}
    creationPolicy: Owner
  data:
    {{- range $name, $ref := .data }}
    - secretKey: {{ $name | toJson }}
      remoteRef:
        key: {{ $ref.key | toJson }}
        {{- with $ref.property }}
        property: {{ . | toJson }}
        {{- end }}
    {{- end }}
{{- end }}
