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
Env values are written with every "$" doubled: Kubernetes expands $(NAME) in env values and reads
$$ as $, so the container sees exactly the configured value.
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
        runAsNonRoot: true
        runAsUser: {{ $root.Values.podSecurityContext.runAsUser }}
        runAsGroup: {{ $root.Values.podSecurityContext.runAsGroup }}
        fsGroup: {{ $root.Values.podSecurityContext.fsGroup }}
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: {{ .component }}
          image: {{ .image | toJson }}
          imagePullPolicy: {{ $values.imagePullPolicy }}
          ports:
            - name: http
              containerPort: {{ .port }}
              protocol: TCP
          env:
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
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            runAsNonRoot: true
            capabilities:
              drop:
                - ALL
          volumeMounts:
            {{- range $index, $path := $values.writablePaths }}
            - name: scratch-{{ $index }}
              mountPath: {{ $path | toJson }}
            {{- end }}
      volumes:
        {{- range $index, $path := $values.writablePaths }}
        - name: scratch-{{ $index }}
          emptyDir: {}
        {{- end }}
{{- end }}

{{/* Replicas of a component that an HPA may own: the HPA's minimum when autoscaling is on. */}}
{{- define "starter.minReplicas" -}}
{{- if .root.Values.autoscaling.enabled }}
{{- .root.Values.autoscaling.minReplicas }}
{{- else }}
{{- (index .root.Values .component).replicaCount }}
{{- end }}
{{- end }}
