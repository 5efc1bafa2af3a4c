@echo off
rem Start Stappenplan on Windows: runs run.ps1 (first run: sets everything up in .venv).
powershell -NoProfile -ExecutionPolicy Bypass -File "%~dp0run.ps1" %*
set RC=%ERRORLEVEL%
if not "%RC%"=="0" pause
exit /b %RC%
