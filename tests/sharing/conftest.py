from tests.recommendations.conftest import answered, launch_catalogue  # noqa: F401
