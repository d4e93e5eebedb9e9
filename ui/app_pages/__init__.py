"""The app's pages, run by st.navigation in ui/app.py; a package so that installs ship them."""
