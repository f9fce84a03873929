"""A bare Streamlit page with one Plotly chart: the baseline of the load bench (bench/bench_load.py),
served and driven the same way as the app, so its page times show what Streamlit itself costs."""

import plotly.graph_objects as go
import streamlit as st

st.title("A bare page")
st.plotly_chart(
    go.Figure(go.Bar(x=["2016", "2017", "2018", "2019", "2020"], y=[3, 5, 8, 9, 12])), theme=None
)
